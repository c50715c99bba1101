/**
 * Label and field selectors with upstream's grammar, canonical string forms and error messages.
 * Start with {@link io.kapi.api.selector.LabelSelector#parse(String)} and {@link
 * io.kapi.api.selector.FieldSelector#parse(String)}; both throw {@link
 * io.kapi.api.selector.InvalidSelectorException} (a 400 BadRequest for the REST layer).
 */
@NullMarked
package io.kapi.api.selector;

import org.jspecify.annotations.NullMarked;
