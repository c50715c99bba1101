/** Test support shared by the modules' tests: handlers served over real loopback HTTP. */
@NullMarked
package io.kapi.server.testing;

import org.jspecify.annotations.NullMarked;
