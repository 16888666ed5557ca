using Dashboard.Operations;

namespace Dashboard.Services;

public sealed partial class ActorSession
{
    private OperatorNotice? _operatorNotice;

    /// <summary>The last thing an operator did to this session's actor, if anything; its tab shows it.</summary>
    public OperatorNotice? LastOperatorAction => Volatile.Read(ref _operatorNotice);

    /// <summary>Called by <see cref="ActorOperations"/> once an operator's action on this session's actor was carried out.</summary>
    internal void NoteOperatorAction(OperatorNotice notice)
    {
        Volatile.Write(ref _operatorNotice, notice);
        Changes.Notify(); // the tab renders on change: tell it
    }
}
