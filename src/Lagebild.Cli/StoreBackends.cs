using Lagebild.Store;
using Lagebild.Store.Sqlite;

namespace Lagebild.Cli;

/// <summary>
/// The store backends this command ships: the one place it names a backend. Commands open stores through
/// <see cref="Factory"/> and see only <see cref="IArticleStore"/> and <see cref="StoreException"/>; a PostgreSQL
/// backend is one more provider in this list.
/// </summary>
internal static class StoreBackends
{
    public static StoreFactory Factory { get; } = new([new SqliteStoreProvider()]);
}
