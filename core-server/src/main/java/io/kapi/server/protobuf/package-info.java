/**
 * Decoding of {@code application/vnd.kubernetes.protobuf} request bodies (the {@code k8s\0}
 * envelope around a {@code runtime.Unknown}) into the JSON tree a JSON client would have sent,
 * driven by field tables derived from the upstream Go types. Start with {@link
 * io.kapi.server.protobuf.KubernetesProtobuf}.
 */
@NullMarked
package io.kapi.server.protobuf;

import org.jspecify.annotations.NullMarked;
