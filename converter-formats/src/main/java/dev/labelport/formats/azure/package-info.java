/**
 * Azure Machine Learning AutoML training data, format id {@code azure-automl}. (Full notes below.)
 */
package dev.labelport.formats.azure;
