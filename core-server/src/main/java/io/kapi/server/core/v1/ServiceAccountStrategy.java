package io.kapi.server.core.v1;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ResourceStrategy;

/** ServiceAccounts: DNS subdomain names and no generation; nothing else to check. */
final class ServiceAccountStrategy implements ResourceStrategy {

  @Override
  public void prepareForCreate(Unstructured serviceAccount) {
    Generation.clear(serviceAccount);
  }

  @Override
  public boolean generationChanged(Unstructured serviceAccount, Unstructured old) {
    return false;
  }

  /** As upstream's registry for this kind: an immediate delete answers with the object. */
  @Override
  public boolean returnDeletedObject() {
    return true;
  }
}
