package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Which server address a client in a CIDR should use; the first entry is always {@code 0.0.0.0/0}. */
@JsonPropertyOrder({"clientCIDR", "serverAddress"})
public record ServerAddressByClientCIDR(String clientCIDR, String serverAddress) {

  public ServerAddressByClientCIDR {
    clientCIDR = clientCIDR == null ? "" : clientCIDR;
    serverAddress = serverAddress == null ? "" : serverAddress;
  }
}
