using System.Xml.Linq;
using Dashboard.Cluster;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Unit.Dashboard.Cluster;

public sealed class ResilientXmlRepositoryTests
{
    private readonly FakeRedisRing _redis = new();
    private readonly CapturingLogger<ResilientXmlRepository> _log = new();

    [Fact]
    public void GetAllElements_RedisDown_ServesTheKeysReadBefore()
    {
        // Arrange
        _redis.StoreElement(Key("k1"), "k1");
        var repository = new ResilientXmlRepository(_redis, () => _redis.Up, _log);
        Assert.Single(repository.GetAllElements());

        // Act
        _redis.Up = false;
        var keys = repository.GetAllElements();

        // Assert
        Assert.Equal(["k1"], keys.Select(key => key.Attribute("id")!.Value));
        Assert.Equal(1, _redis.Reads); // no call reached the repository while down
    }

    [Fact]
    public void StoreElement_RedisDown_KeepsTheKeyAndWritesItWhenRedisAnswers()
    {
        // Arrange
        var repository = new ResilientXmlRepository(_redis, () => _redis.Up, _log);
        _redis.Up = false;

        // Act
        repository.StoreElement(Key("k2"), "k2");

        // Assert
        Assert.Equal(["k2"], repository.GetAllElements().Select(key => key.Attribute("id")!.Value));
        Assert.Equal(1, repository.UnsavedCount);
        Assert.Empty(_redis.Keys);

        // Act: Redis is back.
        _redis.Up = true;
        repository.SaveUnsavedNow();

        // Assert
        Assert.Equal(0, repository.UnsavedCount);
        Assert.Equal(["k2"], _redis.Keys.Select(key => key.Attribute("id")!.Value));
    }

    [Fact]
    public void SaveUnsavedNow_RedisRestartedEmpty_WritesBackTheKeysItLost()
    {
        // Arrange
        _redis.StoreElement(Key("k1"), "k1");
        var repository = new ResilientXmlRepository(_redis, () => _redis.Up, _log);
        repository.GetAllElements();

        // Act: Redis restarts without persistence.
        _redis.Keys.Clear();
        repository.SaveUnsavedNow();

        // Assert
        Assert.Equal(["k1"], _redis.Keys.Select(key => key.Attribute("id")!.Value));
    }

    [Fact]
    public void GetAllElements_ReadThrows_ReturnsTheLastKeysWithoutThrowing()
    {
        // Arrange
        _redis.StoreElement(Key("k1"), "k1");
        var repository = new ResilientXmlRepository(_redis, () => true, _log);
        repository.GetAllElements();
        _redis.Up = false; // connected as far as the check knows, but the command fails

        // Act
        var keys = repository.GetAllElements();

        // Assert
        Assert.Single(keys);
    }

    private static XElement Key(string id) => new("key", new XAttribute("id", id));

    /// <summary>The Redis key list as the package's repository sees it; throws while down.</summary>
    private sealed class FakeRedisRing : IXmlRepository
    {
        public bool Up { get; set; } = true;

        public List<XElement> Keys { get; } = [];

        public int Reads { get; private set; }

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            Reads++;
            return Up ? [.. Keys] : throw new InvalidOperationException("No connection is active/available to service this operation.");
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            if (!Up)
            {
                throw new InvalidOperationException("No connection is active/available to service this operation.");
            }

            Keys.Add(element);
        }
    }
}
