package io.usp4j.datamodel.storage;

class InMemoryStorageTest extends StorageContractTest {
    @Override
    protected Storage createStorage() {
        return new InMemoryStorage();
    }
}
