package io.usp4j.agent.notify.subscription;

import io.usp4j.core.error.UspException;
import io.usp4j.core.path.ElementKind;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.PathSegment;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.datamodel.instance.ModelView;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether a {@code ReferenceList} item selects a concrete element (TR-181 {@code Subscription.{i}.ReferenceList}).
 *
 * <p>An item is first compared with the element segment by segment: names must be equal, an instance number
 * must be equal, a wildcard matches any instance. Only an item with a search expression or reference
 * following needs the data model: it is resolved, and the element must be among (or below) what it resolves
 * to. Items are path names, object paths meaning "everything below" where the type allows it:
 * <ul>
 *   <li>ValueChange: a parameter path selects that parameter, an object path every parameter below it;</li>
 *   <li>ObjectCreation and ObjectDeletion: a table path selects its instances, an instance path (with
 *       instance numbers, {@code *} or a search) the instances it names;</li>
 *   <li>OperationComplete and Event: a command or event path selects that element, an object path every
 *       command or event below it.</li>
 * </ul>
 * Stateless; the {@link ModelView} it is given is read on the caller's thread.
 */
final class References {
    private enum Shape { NO, YES, MAYBE }

    private References() {}

    /** ValueChange: whether {@code item} selects parameter {@code param} ({@code paramText} written out). */
    static boolean selectsParameter(PathName item, PathName param, String paramText, Supplier<ModelView> view) {
        Shape s;
        if (hasFollow(item)) {
            s = Shape.MAYBE;
        } else if (item.kind() == ElementKind.PARAMETER) {
            s = item.size() == param.size() ? shape(item, param, item.size()) : Shape.NO;
        } else if (item.kind() == ElementKind.OBJECT) {
            s = item.size() < param.size() ? shape(item, param, item.size()) : Shape.NO;
        } else {
            s = Shape.NO;
        }
        if (s != Shape.MAYBE) {
            return s == Shape.YES;
        }
        for (ResolvedPath p : resolve(view.get(), item)) {
            if (p.target() == ResolvedPath.Target.PARAMETER ? p.path().equals(paramText) : isObject(p) && paramText.startsWith(p.path())) {
                return true;
            }
        }
        return false;
    }

    /** ObjectCreation: whether {@code item} selects the new instance {@code instance}. */
    static boolean selectsCreated(PathName item, PathName instance, String instanceText, Supplier<ModelView> view) {
        Shape s = instanceShape(item, instance);
        if (s != Shape.MAYBE) {
            return s == Shape.YES;
        }
        String table = tableOf(instanceText);
        for (ResolvedPath p : resolve(view.get(), item)) {
            if ((p.target() == ResolvedPath.Target.TABLE && p.path().equals(table))
                    || (p.target() == ResolvedPath.Target.INSTANCE && p.path().equals(instanceText))) {
                return true;
            }
        }
        return false;
    }

    /**
     * ObjectDeletion: whether {@code item} selects the deleted instance. The instance is gone, so an item
     * that needs the data model is matched against {@code before}: what it resolved to before the deletion
     * (table and instance paths), or null when that is unknown (no match then).
     */
    static boolean selectsDeleted(PathName item, PathName instance, String instanceText, Set<String> before) {
        Shape s = instanceShape(item, instance);
        if (s != Shape.MAYBE) {
            return s == Shape.YES;
        }
        return before != null && (before.contains(instanceText) || before.contains(tableOf(instanceText)));
    }

    /**
     * OperationComplete and Event: whether {@code item} selects the command or event {@code element} (kind
     * {@link ElementKind#COMMAND} or {@link ElementKind#EVENT}).
     */
    static boolean selectsElement(PathName item, PathName element, String elementText, Supplier<ModelView> view) {
        Shape s;
        if (hasFollow(item)) {
            s = Shape.MAYBE;
        } else if (item.kind() == element.kind()) {
            s = item.size() == element.size() ? shape(item, element, item.size()) : Shape.NO;
        } else if (item.kind() == ElementKind.OBJECT) {
            s = item.size() < element.size() ? shape(item, element, item.size()) : Shape.NO;
        } else {
            s = Shape.NO;
        }
        if (s != Shape.MAYBE) {
            return s == Shape.YES;
        }
        for (ResolvedPath p : resolve(view.get(), item)) {
            if (isObject(p) ? elementText.startsWith(p.path()) : p.path().equals(elementText)) {
                return true;
            }
        }
        return false;
    }

    /** True when matching {@code item} may need the data model: it holds a search expression or reference following. */
    static boolean needsModel(PathName item) {
        for (PathSegment s : item.segments()) {
            if (s instanceof PathSegment.Search || s instanceof PathSegment.ReferenceFollow) {
                return true;
            }
        }
        return false;
    }

    /** What an item resolves to now; nothing when it does not resolve (unsupported path, bad reference). */
    static List<ResolvedPath> resolve(ModelView view, PathName item) {
        try {
            return view.resolve(item).paths();
        } catch (UspException e) {
            return List.of();
        }
    }

    /** The table path of an instance path ({@code Device.X.3.} gives {@code Device.X.}). */
    static String tableOf(String instancePath) {
        int cut = instancePath.lastIndexOf('.', instancePath.length() - 2);
        return cut < 0 ? instancePath : instancePath.substring(0, cut + 1);
    }

    private static Shape instanceShape(PathName item, PathName instance) {
        if (hasFollow(item)) {
            return Shape.MAYBE;
        }
        if (item.kind() != ElementKind.OBJECT || item.size() == 0) {
            return Shape.NO;
        }
        boolean table = item.lastSegment() instanceof PathSegment.Name;
        int n = table ? instance.size() - 1 : instance.size();
        return item.size() == n ? shape(item, instance, n) : Shape.NO;
    }

    private static boolean isObject(ResolvedPath p) {
        return p.target() == ResolvedPath.Target.OBJECT || p.target() == ResolvedPath.Target.INSTANCE
                || p.target() == ResolvedPath.Target.TABLE;
    }

    private static boolean hasFollow(PathName item) {
        for (PathSegment s : item.segments()) {
            if (s instanceof PathSegment.ReferenceFollow) {
                return true;
            }
        }
        return false;
    }

    /** Compares the first {@code n} segments of an item (without reference following) with a concrete path. */
    private static Shape shape(PathName item, PathName concrete, int n) {
        Shape result = Shape.YES;
        List<PathSegment> a = item.segments();
        List<PathSegment> c = concrete.segments();
        for (int i = 0; i < n; i++) {
            PathSegment x = a.get(i);
            PathSegment y = c.get(i);
            if (x instanceof PathSegment.Name nx) {
                if (!(y instanceof PathSegment.Name ny) || !nx.name().equals(ny.name())) {
                    return Shape.NO;
                }
            } else if (x instanceof PathSegment.InstanceNumber ix) {
                if (!(y instanceof PathSegment.InstanceNumber iy) || ix.number() != iy.number()) {
                    return Shape.NO;
                }
            } else if (!(y instanceof PathSegment.InstanceNumber)) {
                return Shape.NO;
            } else if (x instanceof PathSegment.Search) {
                result = Shape.MAYBE;
            }
        }
        return result;
    }
}
