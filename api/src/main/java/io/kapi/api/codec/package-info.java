/**
 * Encoding and decoding of API objects: JSON (compact or 2-space pretty, as Go's encoder writes it)
 * and YAML. Start with {@link io.kapi.api.codec.ApiCodec#json()}.
 */
@NullMarked
package io.kapi.api.codec;

import org.jspecify.annotations.NullMarked;
