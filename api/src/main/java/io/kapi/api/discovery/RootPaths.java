package io.kapi.api.discovery;

import java.util.List;

/** The answer of {@code GET /}: every listed path of the server chain, sorted. */
public record RootPaths(List<String> paths) {
  public RootPaths {
    paths = paths == null ? List.of() : List.copyOf(paths);
  }
}
