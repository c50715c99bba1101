package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer of {@code GET /version}. kubectl reads {@code major}/{@code minor} to pick a matching
 * client release, so they name the Kubernetes API level Kapi implements.
 */
@JsonPropertyOrder({
  "major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion",
  "compiler", "platform"
})
public record VersionInfo(
    String major,
    String minor,
    String gitVersion,
    String gitCommit,
    String gitTreeState,
    String buildDate,
    String goVersion,
    String compiler,
    String platform) {}
