/**
 * The runnable sample API server: {@link io.kapi.sample.Main} parses kube-apiserver style flags,
 * prepares TLS and credentials, wires the chain aggregator → kube-apiserver → apiextensions-apiserver
 * with Dagger ({@link io.kapi.sample.KapiServerComponent}) and serves it over HTTPS.
 */
@NullMarked
package io.kapi.sample;

import org.jspecify.annotations.NullMarked;
