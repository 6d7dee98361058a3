namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class InMemoryIdentityIdStoreTests
{
    [Test]
    public async Task SetGetRemove_KeepsOneIdentityPerKey()
    {
        var store = new InMemoryIdentityIdStore();

        var missing = await store.GetAsync("pool|user-1", default);
        await store.SetAsync("pool|user-1", "us-west-2:one", default);
        await store.SetAsync("pool|user-2", "us-west-2:two", default);
        await store.SetAsync("pool|user-1", "us-west-2:three", default);
        var replaced = await store.GetAsync("pool|user-1", default);
        await store.RemoveAsync("pool|user-1", default);
        await store.RemoveAsync("pool|nobody", default);

        Assert.That(missing, Is.Null);
        Assert.That(replaced, Is.EqualTo("us-west-2:three"));
        Assert.That(await store.GetAsync("pool|user-1", default), Is.Null);
        Assert.That(await store.GetAsync("pool|user-2", default), Is.EqualTo("us-west-2:two"));
        Assert.That(await store.GetAsync("POOL|user-2", default), Is.Null, "keys are compared ordinally");
    }
}
