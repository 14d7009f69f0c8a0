/** Pascal VOC. */
package dev.labelport.formats.voc;
