package io.kapi.server.storage;

import java.util.Optional;

/**
 * A {@link Storage} that forwards every call to a real one; tests override the calls they observe
 * or break (counting reads, failing or silencing watches).
 */
public abstract class ForwardingStorage implements Storage {
  protected final Storage delegate;

  protected ForwardingStorage(Storage delegate) {
    this.delegate = delegate;
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    return delegate.create(key, value);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return delegate.get(key);
  }

  @Override
  public ListResult list(ListRequest request) {
    return delegate.list(request);
  }

  @Override
  public KeyValue update(String key, long expectedModRevision, byte[] value) {
    return delegate.update(key, expectedModRevision, value);
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    return delegate.delete(key, expectedModRevision);
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    return delegate.watch(prefix, fromRevision, listener);
  }

  @Override
  public long currentRevision() {
    return delegate.currentRevision();
  }

  @Override
  public long compactedRevision() {
    return delegate.compactedRevision();
  }

  @Override
  public void compact(long revision) {
    delegate.compact(revision);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
