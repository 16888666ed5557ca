namespace Dashboard.Services;

/// <summary>The result of a flood.</summary>
/// <param name="Accepted">Messages stored in the mailbox.</param>
/// <param name="Rejected">Messages refused by the bounded mailbox.</param>
public sealed record FloodOutcome(int Accepted, int Rejected);
