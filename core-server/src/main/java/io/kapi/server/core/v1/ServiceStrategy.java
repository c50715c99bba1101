package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.NameValidation;
import java.util.List;

/**
 * Services ({@code pkg/registry/core/service}): scheme defaults, a cluster IP, node ports and IP
 * family fields assigned on create and kept on update, status starting as {@code {loadBalancer:
 * {}}}, DNS-1035 names, no generation, and create on update.
 */
final class ServiceStrategy implements UpstreamFieldLabels {

  @Override
  public void prepareForCreate(Unstructured service) {
    Generation.clear(service);
    ServiceDefaults.prepareForCreate(service);
    service.object().putObject("status").putObject("loadBalancer");
  }

  @Override
  public void prepareForUpdate(Unstructured service, Unstructured old) {
    ServiceDefaults.prepareForUpdate(service, old);
  }

  @Override
  public List<FieldError> validate(Unstructured service) {
    return ServiceValidation.validate(service, null);
  }

  @Override
  public List<FieldError> validateUpdate(Unstructured service, Unstructured old) {
    return ServiceValidation.validate(service, old);
  }

  @Override
  public List<FieldError> validateStatusUpdate(Unstructured service, Unstructured old) {
    return ServiceValidation.validateStatus(service);
  }

  @Override
  public boolean allowCreateOnUpdate() {
    return true;
  }

  /**
   * DNS labels; {@link ServiceValidation} adds the DNS-1035 rule that the first character is a
   * letter.
   */
  @Override
  public NameValidation nameValidation() {
    return NameValidation.DNS_LABEL;
  }

  @Override
  public boolean generationChanged(Unstructured service, Unstructured old) {
    return false;
  }

  @Override
  public String fieldLabelsOf() {
    return "services";
  }

  /** As upstream's registry for this kind: an immediate delete answers with the object. */
  @Override
  public boolean returnDeletedObject() {
    return true;
  }
}
