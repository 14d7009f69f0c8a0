/**
 * The lossless annotation model: {@link dev.labelport.model.Item items} (images or texts) with
 * their {@link dev.labelport.model.Annotation annotations}, {@link dev.labelport.model.Category
 * categories}, and the sealed {@link dev.labelport.model.Geometry} hierarchy. Everything here is
 * immutable. Image coordinates are pixel-edge floats (COCO's convention); text offsets are
 * half-open and count Unicode code points. Fields a format has that the model has no slot for
 * live in each record's {@code extensions()}, keyed by format id.
 */
package dev.labelport.model;
