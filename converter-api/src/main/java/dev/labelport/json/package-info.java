/**
 * A small immutable JSON value model for the free-form parts of the model (metadata, attributes,
 * per-format extensions): ordered objects, numbers kept in their lexical form.
 */
package dev.labelport.json;
