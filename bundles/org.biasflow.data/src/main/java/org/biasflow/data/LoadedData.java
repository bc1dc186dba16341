package org.biasflow.data;

import org.biasflow.api.DataSet;

/**
 * A data set read from a file, with what the reader skipped.
 *
 * @param data the points and labels
 * @param header the header line skipped, as {@code line 1: 0,1,2 (its fields are the column indices)}, or null
 *               when the file had none
 */
public record LoadedData(DataSet data, String header) {
}
