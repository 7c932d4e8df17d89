/**
 * The Hugging Face collector (source {@code huggingface}): a model card's license, downloads and
 * metadata, and the derivatives that name the model as their base.
 */
package io.counterpower.collect.huggingface;
