package luqiao.map.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The records of an uploaded file, read one at a time so that no file is ever held in memory whole. */
interface FeatureSource extends Closeable {

    /** The attribute names in file order. */
    List<String> fields();

    /** How many records the file holds, when the format says so up front; -1 otherwise. */
    long total();

    /** The next record, or null after the last. */
    SourceRow next() throws IOException;
}
