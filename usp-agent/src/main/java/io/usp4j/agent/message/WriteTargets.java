package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.Resolution;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.instance.ModelView;
import java.util.ArrayList;
import java.util.List;

/**
 * What the path of an Add, Set or Delete names, with instance numbers: the tables to add to, the objects to
 * set, the instances to delete.
 *
 * @param paths the matched elements, with instance numbers, in resolution order
 * @param missing true when an addressing (non-search) path named an object that does not exist; a search
 *     path that matches nothing leaves this false (R-MSG.4a)
 */
record WriteTargets(List<String> paths, boolean missing) {
    WriteTargets {
        paths = List.copyOf(paths);
    }

    /** The kinds of element a write request may name. */
    enum Kind {
        /** Add: tables. */
        TABLE,
        /** Set: single-instance objects and table instances. */
        OBJECT,
        /** Delete: table instances. */
        INSTANCE
    }

    /**
     * Resolves the path of a write request against a view (a transaction's view sees its staged changes).
     *
     * @throws UspException 7008 for a path that does not parse or an invalid search expression, 7026 for a path
     *     outside the Supported Data Model or one that is not an object path, 7018 for a path naming something
     *     other than what {@code kind} wants (an Add to an object that is not a table, a Delete of a
     *     single-instance object), 7026 for a Set or Delete of a whole table
     */
    static WriteTargets resolve(ModelView view, String requested, Kind kind) {
        PathName name = PathName.parse(requested);
        if (!name.isObjectPath()) {
            throw new UspException(ErrorCode.INVALID_PATH, requested + " is not an object path (it must end in '.')");
        }
        Resolution res = view.resolve(name);
        List<String> out = new ArrayList<>(res.paths().size());
        for (ResolvedPath p : res.paths()) {
            check(p, requested, kind);
            out.add(p.path());
        }
        return new WriteTargets(out, res.addressedElementMissing());
    }

    private static void check(ResolvedPath p, String requested, Kind kind) {
        ResolvedPath.Target t = p.target();
        switch (kind) {
            case TABLE:
                if (t != ResolvedPath.Target.TABLE) {
                    throw new UspException(ErrorCode.OBJECT_NOT_A_TABLE, requested + " names "
                            + (t == ResolvedPath.Target.INSTANCE ? "an instance" : "a single-instance object")
                            + ", not a table");
                }
                break;
            case OBJECT:
                if (t == ResolvedPath.Target.TABLE) {
                    throw new UspException(ErrorCode.INVALID_PATH, requested
                            + " names a table: address its instances by number, unique key, search or *");
                }
                break;
            default:
                if (t == ResolvedPath.Target.TABLE) {
                    throw new UspException(ErrorCode.INVALID_PATH, requested
                            + " names a table: address the instances to delete by number, unique key, search or *");
                }
                if (t != ResolvedPath.Target.INSTANCE) {
                    throw new UspException(ErrorCode.OBJECT_NOT_A_TABLE, requested
                            + " names a single-instance object, which cannot be deleted");
                }
                break;
        }
    }
}
