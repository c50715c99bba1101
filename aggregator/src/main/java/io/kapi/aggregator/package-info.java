/**
 * The {@code kube-aggregator}: the outermost server of a chain. It answers {@code /apis} from its
 * APIServices and routes {@code /api} and {@code /apis/<group>/<version>} to the server that serves
 * them. Start with {@link io.kapi.aggregator.Aggregator#create}.
 */
@NullMarked
package io.kapi.aggregator;

import org.jspecify.annotations.NullMarked;
