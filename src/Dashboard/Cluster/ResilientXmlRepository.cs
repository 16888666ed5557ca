using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Dashboard.Cluster;

/// <summary>
/// The Data Protection key ring in Redis (through the package's <c>RedisXmlRepository</c>), made to
/// survive Redis being down: the last key ring read is kept and served while Redis does not answer, and a key created
/// meanwhile is kept here and written to Redis when it answers again.
/// </summary>
/// <remarks>
/// Without this, every key ring read during an outage throws (the repository reads Redis synchronously), and a node
/// that starts while Redis is unreachable could not render a page (antiforgery needs a key). A node started during an
/// outage signs cookies with a key of its own; other nodes accept them once that key has reached Redis and they refresh
/// their ring (a key they do not know makes them re-read it), so a sign-in made there may have to be repeated.
/// </remarks>
public sealed partial class ResilientXmlRepository : IXmlRepository
{
    private readonly IXmlRepository _inner;
    private readonly Func<bool> _isConnected;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<(XElement Element, string FriendlyName)> _unsaved = [];
    private IReadOnlyCollection<XElement> _lastRead = [];

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="isConnected"/> is checked before each use, so an outage costs no timeout.</summary>
    public ResilientXmlRepository(IXmlRepository inner, Func<bool> isConnected, ILogger<ResilientXmlRepository> logger)
    {
        _inner = inner;
        _isConnected = isConnected;
        _logger = logger;
    }

    /// <summary>Keys created while Redis was down and not yet written to it.</summary>
    public int UnsavedCount
    {
        get
        {
            lock (_lock)
            {
                return _unsaved.Count;
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            if (_isConnected())
            {
                try
                {
                    SaveUnsaved();
                    _lastRead = _inner.GetAllElements();
                }
                catch (Exception error)
                {
                    Log.ReadFailed(_logger, error.Message);
                }
            }

            return [.. _lastRead, .. _unsaved.Select(unsaved => unsaved.Element)];
        }
    }

    /// <inheritdoc/>
    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            if (_isConnected())
            {
                try
                {
                    _inner.StoreElement(element, friendlyName);
                    _lastRead = [.. _lastRead, element];
                    return;
                }
                catch (Exception error)
                {
                    Log.WriteFailed(_logger, error.Message);
                }
            }

            _unsaved.Add((element, friendlyName));
        }
    }

    /// <summary>
    /// Called when Redis answers again: writes the keys created during the outage, and writes back the keys this node
    /// knows but Redis lost (a Redis restarted without persistence), so that nodes started later can read them.
    /// </summary>
    public void SaveUnsavedNow()
    {
        lock (_lock)
        {
            if (!_isConnected())
            {
                return;
            }

            try
            {
                SaveUnsaved();
                var stored = _inner.GetAllElements().Select(KeyId).ToHashSet();
                var written = 0;
                foreach (var element in _lastRead.Where(element => !stored.Contains(KeyId(element))))
                {
                    _inner.StoreElement(element, "key-" + KeyId(element));
                    written++;
                }

                if (written > 0)
                {
                    Log.Healed(_logger, written);
                }
            }
            catch (Exception error)
            {
                Log.WriteFailed(_logger, error.Message);
            }
        }
    }

    private static string KeyId(XElement element) => element.Attribute("id")?.Value ?? element.ToString(SaveOptions.DisableFormatting);

    private void SaveUnsaved()
    {
        while (_unsaved.Count > 0)
        {
            var (element, friendlyName) = _unsaved[0];
            _inner.StoreElement(element, friendlyName);
            _unsaved.RemoveAt(0);
            _lastRead = [.. _lastRead, element];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1711, Level = LogLevel.Debug, Message = "Could not read the Data Protection key ring from Redis ({Reason}); using the keys read before.")]
        public static partial void ReadFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 1713, Level = LogLevel.Information, Message = "Redis answers again; wrote back {Count} Data Protection key(s) it had lost.")]
        public static partial void Healed(ILogger logger, int count);

        [LoggerMessage(EventId = 1712, Level = LogLevel.Information, Message = "Could not write a Data Protection key to Redis ({Reason}); it is kept on this node and written when Redis answers.")]
        public static partial void WriteFailed(ILogger logger, string reason);
    }
}
