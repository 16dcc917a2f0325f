using Lagebild.Store;
using Lagebild.Store.Sqlite;

namespace Lagebild.Tests.Store;

public sealed class StoreFactoryTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StoreFactory _factory = new([new SqliteStoreProvider()]);

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("lagebild.db", null)]
    [InlineData("/data/news.db", null)]
    [InlineData(@"C:\data\news.db", null)]
    [InlineData("postgres://user@host/news", "postgres")]
    [InlineData("PostgreSQL://host/news", "postgresql")]
    public void TellsPathsFromUrls(string location, string? scheme) => Assert.Equal(scheme, StoreFactory.SchemeOf(location));

    [Fact]
    public void APathOpensTheEmbeddedStoreAndAUrlWithoutABackendIsAPlainError()
    {
        using (var store = _factory.Open(_directory.File("news.db")))
        {
            Assert.Equal(_directory.File("news.db"), store.Location);
            Assert.Equal(0, store.CountArticles());
        }

        var postgres = Assert.Throws<StoreException>(() => _factory.Open("postgres://localhost/news"));
        Assert.Equal("PostgreSQL stores ('postgres://...') are not supported yet; give a file path for the embedded SQLite store.", postgres.Message);
        Assert.Contains("'mysql://' stores are not supported", Assert.Throws<StoreException>(() => _factory.Open("mysql://host/db")).Message, StringComparison.Ordinal);
        Assert.Throws<StoreException>(() => _factory.Open(" "));
    }
}
