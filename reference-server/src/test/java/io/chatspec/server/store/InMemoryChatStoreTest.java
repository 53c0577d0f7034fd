package io.chatspec.server.store;

public class InMemoryChatStoreTest extends ChatStoreContract {
    @Override
    protected ChatStore newStore() {
        return new InMemoryChatStore();
    }
}
