package io.usp4j.core.path.resolve;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.Comparison;
import io.usp4j.core.path.ElementKind;
import io.usp4j.core.path.Operator;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.PathSegment;
import io.usp4j.core.path.ReferenceIndex;
import io.usp4j.core.path.SearchExpression;
import io.usp4j.core.value.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates a parsed {@link PathName} against an {@link InstantiatedModel}: instance numbers, unique-key
 * addresses, search expressions and wildcards (mixed freely across levels), and reference following
 * ({@code Param+}, {@code Param#n+}, {@code Param#*+}) both in the path and inside expressions.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Supported model first.</b> Every name is checked against the Supported Data Model before any
 *       instance is looked at, so a path naming something unsupported fails with 7026 (Invalid path) even
 *       when a table on the way is empty. After a reference has been followed the target's type is only
 *       known per target: a name the target does not support makes that target contribute nothing.</li>
 *   <li><b>Search expressions.</b> A term's parameter is a path relative to the row that may cross
 *       single-instance sub-objects and follow references but may not enter a child table. The constant is
 *       converted once per table to the parameter's type, so {@code 123}, {@code +123} and {@code 0123} are
 *       one number and boolean {@code 1} equals {@code true}. Strings, booleans and the binary types allow
 *       only {@code ==} and {@code !=}; so does the Unknown Time {@code 0001-01-01T00:00:00Z} as a constant
 *       (a stored Unknown Time never satisfies {@code <}, {@code >}, ...; nor does an absolute time against a
 *       time since boot). {@code ~=} applies only to list-valued parameters and compares items with a
 *       constant of the item type; {@code ==}/{@code !=} on a whole list take a quoted list. String constants
 *       must be quoted and other constants must not be ({@code [Enable=="true"]} is invalid); base64 is
 *       accepted either way because its alphabet clashes with the path grammar. A stored value that is absent
 *       or not a valid value of its type matches no term. A term reaching through a {@code #*+} follow holds
 *       when it holds for any of the referenced objects; an empty or dangling reference makes it false.</li>
 *   <li><b>Unique-key addresses.</b> An expression whose terms all use {@code ==} on plain row parameters
 *       whose names are exactly one of the table's {@link SupportedObject#uniqueKeySets() unique key sets}
 *       addresses (at most) one row; any other expression, a {@code *} and a {@code #*+} follow make the path
 *       a search path. Behind a followed reference the target table's keys vary with the target, so an
 *       expression there always counts as a search.</li>
 *   <li><b>References.</b> A reference value names objects with instance numbers; an empty value, an item
 *       number past the end of the list or a value naming nothing that exists follows to nothing.
 *       {@code Param+} means {@code Param#1+}.</li>
 *   <li><b>Results.</b> Paths with instance numbers, depth first in instance-number order; when references
 *       were followed, duplicates are dropped and the paths are ordered level by level (names
 *       alphabetically, instance numbers numerically). A parameter whose value is absent is not reported.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * The specification names no code for an invalid search expression; it lists them ({@code []}, curly
 * braces, a term entering a child table, {@code [Enable=="true"]}) among paths that are "NOT VALID" together
 * with syntax errors, and 7008 (Invalid path syntax) is "the Path Name used was not understood". So:
 * <ul>
 *   <li>7026 (Invalid path): a name, or a term's parameter, that is not in the Supported Data Model; an
 *       instance selector after something that is not a table; a table name not followed by an instance
 *       selector or the end of the path; an element that does not match how the path ends (a parameter
 *       path naming an object, ...); {@code +} on a parameter that is not a reference.</li>
 *   <li>7008 (Invalid path syntax): an operator that the parameter's type does not allow, a constant that is
 *       not a value of the parameter's type, a quoted constant for a non-string parameter (or an unquoted one
 *       for a string), a term entering a child table, an empty expression, {@code {i}} in an instantiated
 *       path.</li>
 * </ul>
 * Whether an empty result is an error is the caller's decision: see {@link Resolution}.
 *
 * <p>Thread-safe: the resolver holds no state between calls; concurrent calls are as safe as the model's
 * concurrent reads.
 */
public final class PathResolver {
    private final InstantiatedModel model;

    /** A resolver over {@code model}. */
    public PathResolver(InstantiatedModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Resolves {@code path} against the current contents of the model.
     *
     * @return the resolved elements and whether the path was a search path
     * @throws UspException 7026 or 7008 as listed above
     */
    public Resolution resolve(PathName path) {
        return new Run(path).resolve();
    }

    /** One object reached by following a reference, with its path (ending in '.'). */
    private record Target(InstantiatedObject object, String path) {}

    /** The state of one {@link #resolve} call. */
    private final class Run {
        private final PathName pathName;
        private final List<PathSegment> segs;
        private final int n;
        private final ElementKind kind;
        private final List<ResolvedPath> out = new ArrayList<>();
        private final Map<Integer, Map<SupportedObject, Program>> tailPrograms = new LinkedHashMap<>();

        Run(PathName pathName) {
            this.pathName = pathName;
            this.segs = pathName.segments();
            this.n = segs.size();
            this.kind = pathName.kind();
        }

        Resolution resolve() {
            if (n == 0 || !(segs.get(0) instanceof PathSegment.Name rootName)) {
                throw new UspException(ErrorCode.INVALID_PATH_SYNTAX, "A path starts with a name: " + pathName);
            }
            InstantiatedObject root = model.root(rootName.name());
            if (root == null) {
                throw new UspException(ErrorCode.INVALID_PATH,
                        "Invalid path " + pathName + ": no root object '" + rootName.name() + "' is supported");
            }
            String rootPath = rootName.name() + ".";
            Program program = compile(root.supported(), 1, rootPath);
            boolean search = isSearch(program);
            walk(program, 1, root, rootPath);
            if (program.end < n) {
                return new Resolution(orderedUnique(out), search);
            }
            return new Resolution(out, search);
        }

        private boolean isSearch(Program program) {
            for (int k = 1; k < n; k++) {
                PathSegment seg = segs.get(k);
                if (seg instanceof PathSegment.Wildcard) {
                    return true;
                }
                if (seg instanceof PathSegment.ReferenceFollow rf && rf.index() instanceof ReferenceIndex.All) {
                    return true;
                }
                if (seg instanceof PathSegment.Search) {
                    if (k > program.end || !program.filters[k].keyAddress) {
                        return true;
                    }
                }
            }
            return false;
        }

        // ---- compiling against the Supported Data Model ----

        private Program compile(SupportedObject def, int start, String where) {
            Program p = new Program(n);
            SupportedObject cur = def;
            StringBuilder sdm = new StringBuilder(where);
            int k = start;
            while (k < n) {
                PathSegment seg = segs.get(k);
                boolean last = k == n - 1;
                if (seg instanceof PathSegment.Name nm) {
                    String name = nm.name();
                    SupportedElement el = cur.element(name);
                    if (el == null) {
                        throw invalidPath(sdm + " has no element '" + name + "' in the supported data model");
                    }
                    p.elements[k] = el;
                    if (el instanceof SupportedElement.ChildObject co) {
                        if (last) {
                            expectKind(ElementKind.OBJECT, sdm + name, co.table() ? "a table" : "an object");
                            k++;
                            continue;
                        }
                        if (!co.table()) {
                            cur = co.object();
                            sdm.append(name).append('.');
                            k++;
                            continue;
                        }
                        PathSegment selector = segs.get(k + 1);
                        if (selector instanceof PathSegment.Search s) {
                            p.filters[k + 1] = compileFilter(co.object(), s.expression(), sdm + name + ".{i}.");
                        } else if (selector instanceof PathSegment.Placeholder) {
                            throw placeholder();
                        } else if (!(selector instanceof PathSegment.InstanceNumber)
                                && !(selector instanceof PathSegment.Wildcard)) {
                            throw invalidPath(sdm + name + ". is a table: an instance number, unique key, search"
                                    + " expression or * must follow it");
                        }
                        cur = co.object();
                        sdm.append(name).append(".{i}.");
                        k += 2;
                        continue;
                    }
                    String what = el instanceof SupportedElement.Parameter ? "a parameter"
                            : el instanceof SupportedElement.Command ? "a command" : "an event";
                    if (!last) {
                        throw invalidPath(sdm + name + " is " + what + " and has no children");
                    }
                    ElementKind expected = el instanceof SupportedElement.Parameter ? ElementKind.PARAMETER
                            : el instanceof SupportedElement.Command ? ElementKind.COMMAND : ElementKind.EVENT;
                    expectKind(expected, sdm + name, what);
                    k++;
                } else if (seg instanceof PathSegment.ReferenceFollow rf) {
                    SupportedElement el = cur.element(rf.parameter());
                    if (el == null) {
                        throw invalidPath(sdm + " has no element '" + rf.parameter() + "' in the supported data model");
                    }
                    if (!(el instanceof SupportedElement.Parameter pa) || !pa.reference()) {
                        throw invalidPath(sdm + rf.parameter() + " is not a reference parameter and cannot be"
                                + " followed with '+'");
                    }
                    if (last && kind != ElementKind.OBJECT) {
                        throw new UspException(ErrorCode.INVALID_PATH_SYNTAX,
                                "A reference follow must be followed by '.': " + pathName);
                    }
                    p.end = k;
                    return p;
                } else if (seg instanceof PathSegment.Placeholder) {
                    throw placeholder();
                } else {
                    throw invalidPath(sdm + " is not a table: it cannot be followed by an instance number, unique"
                            + " key, search expression or *");
                }
            }
            p.end = n;
            return p;
        }

        private void expectKind(ElementKind expected, String element, String what) {
            if (kind != expected) {
                String form;
                switch (expected) {
                    case OBJECT:
                        form = "its path ends in '.'";
                        break;
                    case COMMAND:
                        form = "its path ends in '()'";
                        break;
                    case EVENT:
                        form = "its path ends in '!'";
                        break;
                    default:
                        form = "its path ends in its name";
                }
                throw invalidPath(element + " is " + what + ": " + form);
            }
        }

        private Program tailProgram(SupportedObject def, int start, String where) {
            Map<SupportedObject, Program> byDef =
                    tailPrograms.computeIfAbsent(start, s -> new IdentityHashMap<>());
            if (byDef.containsKey(def)) {
                return byDef.get(def);
            }
            Program p;
            try {
                p = compile(def, start, where);
            } catch (UspException e) {
                if (e.errorCode() != ErrorCode.INVALID_PATH) {
                    throw e;
                }
                p = null;
            }
            byDef.put(def, p);
            return p;
        }

        private Filter compileFilter(SupportedObject rowDef, SearchExpression expression, String where) {
            List<Comparison> comparisons = expression.terms();
            if (comparisons.isEmpty()) {
                throw new UspException(ErrorCode.INVALID_PATH_SYNTAX, "Empty search expression in " + pathName);
            }
            Term[] terms = new Term[comparisons.size()];
            Set<String> keyNames = new HashSet<>();
            boolean allKeyTerms = true;
            for (int i = 0; i < terms.length; i++) {
                Comparison c = comparisons.get(i);
                terms[i] = compileTerm(rowDef, c, 0, where);
                List<PathSegment> rel = c.parameter().segments();
                if (c.operator() == Operator.EQUAL && rel.size() == 1 && rel.get(0) instanceof PathSegment.Name nm) {
                    keyNames.add(nm.name());
                } else {
                    allKeyTerms = false;
                }
            }
            boolean keyAddress = false;
            if (allKeyTerms) {
                for (List<String> keySet : rowDef.uniqueKeySets()) {
                    if (keyNames.equals(new HashSet<>(keySet))) {
                        keyAddress = true;
                        break;
                    }
                }
            }
            return new Filter(terms, keyAddress);
        }

        private Term compileTerm(SupportedObject def, Comparison c, int start, String where) {
            List<PathSegment> rel = c.parameter().segments();
            List<String> hops = new ArrayList<>();
            SupportedObject cur = def;
            StringBuilder sdm = new StringBuilder(where);
            for (int i = start; i < rel.size(); i++) {
                PathSegment seg = rel.get(i);
                boolean last = i == rel.size() - 1;
                if (seg instanceof PathSegment.Name nm) {
                    SupportedElement el = cur.element(nm.name());
                    if (el == null) {
                        throw invalidPath("search expression term " + describe(c) + ": " + sdm
                                + " has no parameter or object '" + nm.name() + "' in the supported data model");
                    }
                    if (last) {
                        if (!(el instanceof SupportedElement.Parameter pa)) {
                            throw invalidPath("search expression term " + describe(c) + ": " + sdm + nm.name()
                                    + " is not a parameter");
                        }
                        BoundComparison test = BoundComparison.bind(pa, c.operator(), c.value(), describe(c));
                        return new Term(c, hops.toArray(new String[0]), nm.name(), test, null, -1);
                    }
                    if (el instanceof SupportedElement.ChildObject co) {
                        if (co.table()) {
                            throw new UspException(ErrorCode.INVALID_PATH_SYNTAX, "Invalid search expression term "
                                    + describe(c) + ": " + nm.name() + " is a child table; give it its own"
                                    + " instance selector in the path instead");
                        }
                        hops.add(nm.name());
                        cur = co.object();
                        sdm.append(nm.name()).append('.');
                    } else {
                        throw invalidPath("search expression term " + describe(c) + ": " + sdm + nm.name()
                                + " has no children");
                    }
                } else if (seg instanceof PathSegment.ReferenceFollow rf) {
                    SupportedElement el = cur.element(rf.parameter());
                    if (!(el instanceof SupportedElement.Parameter pa) || !pa.reference()) {
                        throw invalidPath("search expression term " + describe(c) + ": " + sdm + rf.parameter()
                                + " is not a reference parameter and cannot be followed with '+'");
                    }
                    if (last) {
                        throw new UspException(ErrorCode.INVALID_PATH_SYNTAX, "Invalid search expression term "
                                + describe(c) + ": a reference follow must be followed by a parameter");
                    }
                    return new Term(c, hops.toArray(new String[0]), null, null, rf, i + 1);
                } else {
                    throw new UspException(ErrorCode.INVALID_PATH_SYNTAX, "Invalid search expression term "
                            + describe(c) + ": only names and reference follows may appear in its parameter");
                }
            }
            throw new UspException(ErrorCode.INVALID_PATH_SYNTAX,
                    "Invalid search expression term " + describe(c) + ": no parameter");
        }

        // ---- walking the Instantiated Data Model ----

        private void walk(Program p, int start, InstantiatedObject from, String fromPath) {
            InstantiatedObject obj = from;
            String prefix = fromPath;
            int k = start;
            while (true) {
                if (k == n) {
                    emit(prefix, obj.instanceNumber() > 0 ? ResolvedPath.Target.INSTANCE : ResolvedPath.Target.OBJECT,
                            obj, null);
                    return;
                }
                if (k == p.end) {
                    followInPath((PathSegment.ReferenceFollow) segs.get(k), k, obj);
                    return;
                }
                String name = ((PathSegment.Name) segs.get(k)).name();
                SupportedElement el = p.elements[k];
                if (el instanceof SupportedElement.Parameter) {
                    if (obj.value(name) != null) {
                        emit(prefix + name, ResolvedPath.Target.PARAMETER, obj, name);
                    }
                    return;
                }
                if (el instanceof SupportedElement.Command) {
                    emit(prefix + name + "()", ResolvedPath.Target.COMMAND, obj, name);
                    return;
                }
                if (el instanceof SupportedElement.Event) {
                    emit(prefix + name + "!", ResolvedPath.Target.EVENT, obj, name);
                    return;
                }
                SupportedElement.ChildObject co = (SupportedElement.ChildObject) el;
                if (!co.table()) {
                    obj = obj.child(name);
                    if (obj == null) {
                        return;
                    }
                    prefix = prefix + name + ".";
                    k++;
                    continue;
                }
                String tablePath = prefix + name + ".";
                if (k + 1 == n) {
                    emit(tablePath, ResolvedPath.Target.TABLE, obj, name);
                    return;
                }
                PathSegment selector = segs.get(k + 1);
                if (selector instanceof PathSegment.InstanceNumber in) {
                    obj = obj.instance(name, in.number());
                    if (obj == null) {
                        return;
                    }
                    prefix = tablePath + in.number() + ".";
                    k += 2;
                    continue;
                }
                Filter filter = selector instanceof PathSegment.Search ? p.filters[k + 1] : null;
                // the common "Table.<selector>.Param" ending is emitted in place: one string per match
                String lastParameter = k + 3 == n && k + 2 < p.end && p.elements[k + 2] instanceof SupportedElement.Parameter
                        ? ((PathSegment.Name) segs.get(k + 2)).name()
                        : null;
                for (InstantiatedObject row : obj.instances(name)) {
                    if (filter == null || filter.test(row)) {
                        if (lastParameter == null) {
                            walk(p, k + 2, row, tablePath + row.instanceNumber() + ".");
                        } else if (row.value(lastParameter) != null) {
                            emit(tablePath + row.instanceNumber() + "." + lastParameter,
                                    ResolvedPath.Target.PARAMETER, row, lastParameter);
                        }
                        if (filter != null && filter.keyAddress) {
                            break;
                        }
                    }
                }
                return;
            }
        }

        private void followInPath(PathSegment.ReferenceFollow rf, int k, InstantiatedObject obj) {
            for (Target t : follow(obj.value(rf.parameter()), rf.index())) {
                if (k + 1 == n) {
                    walk(EMPTY_PROGRAM, n, t.object(), t.path());
                    continue;
                }
                Program q = tailProgram(t.object().supported(), k + 1, t.path());
                if (q != null) {
                    walk(q, k + 1, t.object(), t.path());
                }
            }
        }

        private void emit(String path, ResolvedPath.Target target, InstantiatedObject obj, String name) {
            out.add(new ResolvedPath(path, target, obj, name));
        }

        /** The objects a reference value names, in list order; nothing for empty or dangling values. */
        private List<Target> follow(String value, ReferenceIndex index) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            List<String> items = ValueType.splitList(value);
            if (index instanceof ReferenceIndex.All) {
                List<Target> targets = new ArrayList<>(items.size());
                for (String item : items) {
                    Target t = locate(item);
                    if (t != null) {
                        targets.add(t);
                    }
                }
                return targets;
            }
            int nth = index instanceof ReferenceIndex.Nth nt ? nt.n() : 1;
            if (nth < 1 || nth > items.size()) {
                return List.of();
            }
            Target t = locate(items.get(nth - 1));
            return t == null ? List.of() : List.of(t);
        }

        /** Finds the object an instance-number path names ({@code Device.IP.Interface.1}, final '.' optional). */
        private Target locate(String reference) {
            String ref = reference.endsWith(".") ? reference.substring(0, reference.length() - 1) : reference;
            if (ref.isEmpty()) {
                return null;
            }
            int dot = ref.indexOf('.');
            String rootName = dot < 0 ? ref : ref.substring(0, dot);
            InstantiatedObject obj = model.root(rootName);
            if (obj == null) {
                return null;
            }
            StringBuilder path = new StringBuilder(ref.length() + 1).append(rootName).append('.');
            int pos = dot < 0 ? ref.length() : dot + 1;
            while (pos < ref.length()) {
                int end = ref.indexOf('.', pos);
                if (end < 0) {
                    end = ref.length();
                }
                String name = ref.substring(pos, end);
                if (!(obj.supported().element(name) instanceof SupportedElement.ChildObject co)) {
                    return null;
                }
                pos = end + 1;
                if (!co.table()) {
                    obj = obj.child(name);
                    if (obj == null) {
                        return null;
                    }
                    path.append(name).append('.');
                    continue;
                }
                if (pos >= ref.length()) {
                    return null; // a table, not an object
                }
                end = ref.indexOf('.', pos);
                if (end < 0) {
                    end = ref.length();
                }
                long number = instanceNumber(ref, pos, end);
                obj = number < 1 ? null : obj.instance(name, number);
                if (obj == null) {
                    return null;
                }
                path.append(name).append('.').append(number).append('.');
                pos = end + 1;
            }
            return new Target(obj, path.toString());
        }

        private List<ResolvedPath> orderedUnique(List<ResolvedPath> paths) {
            Map<String, ResolvedPath> unique = new LinkedHashMap<>();
            for (ResolvedPath p : paths) {
                unique.putIfAbsent(p.path(), p);
            }
            List<ResolvedPath> sorted = new ArrayList<>(unique.values());
            sorted.sort(Comparator.comparing(ResolvedPath::path, PathResolver::comparePaths));
            return sorted;
        }

        private UspException invalidPath(String reason) {
            return new UspException(ErrorCode.INVALID_PATH, "Invalid path " + pathName + ": " + reason);
        }

        private UspException placeholder() {
            return new UspException(ErrorCode.INVALID_PATH_SYNTAX,
                    "{i} is allowed only in Supported Data Model paths: " + pathName);
        }

        /** A search expression bound to one table's row type. */
        private final class Filter {
            final Term[] terms;
            final boolean keyAddress;

            Filter(Term[] terms, boolean keyAddress) {
                this.terms = terms;
                this.keyAddress = keyAddress;
            }

            boolean test(InstantiatedObject row) {
                for (Term t : terms) {
                    if (!t.test(row)) {
                        return false;
                    }
                }
                return true;
            }
        }

        /**
         * One comparison bound to an object type: the single-instance hops to take, then either the test of
         * the final parameter or a reference to follow (whose remainder is bound per target type).
         */
        private final class Term {
            final Comparison comparison;
            final String[] hops;
            final String parameter;
            final BoundComparison test;
            final PathSegment.ReferenceFollow follow;
            final int next;
            final Map<SupportedObject, Term> tails = new IdentityHashMap<>();

            Term(Comparison comparison, String[] hops, String parameter, BoundComparison test,
                    PathSegment.ReferenceFollow follow, int next) {
                this.comparison = comparison;
                this.hops = hops;
                this.parameter = parameter;
                this.test = test;
                this.follow = follow;
                this.next = next;
            }

            boolean test(InstantiatedObject row) {
                InstantiatedObject o = row;
                for (String hop : hops) {
                    o = o.child(hop);
                    if (o == null) {
                        return false;
                    }
                }
                if (test != null) {
                    String v = o.value(parameter);
                    return v != null && test.test(v);
                }
                for (Target t : follow(o.value(follow.parameter()), follow.index())) {
                    Term tail = tail(t);
                    if (tail != null && tail.test(t.object())) {
                        return true;
                    }
                }
                return false;
            }

            private Term tail(Target t) {
                SupportedObject def = t.object().supported();
                if (tails.containsKey(def)) {
                    return tails.get(def);
                }
                Term tail;
                try {
                    tail = compileTerm(def, comparison, next, t.path());
                } catch (UspException e) {
                    if (e.errorCode() != ErrorCode.INVALID_PATH) {
                        throw e;
                    }
                    tail = null;
                }
                tails.put(def, tail);
                return tail;
            }
        }
    }

    /** The parts of a path compiled against one object type: what each name is, and the bound filters. */
    private static final class Program {
        final SupportedElement[] elements;
        final Run.Filter[] filters;
        /** The index of the reference follow that ends the statically known part, or the path's length. */
        int end;

        Program(int n) {
            elements = new SupportedElement[n];
            filters = new Run.Filter[n];
            end = n;
        }
    }

    private static final Program EMPTY_PROGRAM = new Program(0);

    private static long instanceNumber(String s, int from, int to) {
        if (to - from < 1 || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Orders paths level by level: instance numbers numerically, names alphabetically, names before numbers. */
    static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ei = segmentEnd(a, i);
            int ej = segmentEnd(b, j);
            boolean na = isNumber(a, i, ei);
            boolean nb = isNumber(b, j, ej);
            int c;
            if (na && nb) {
                c = ei - i != ej - j ? Integer.compare(ei - i, ej - j) : a.substring(i, ei).compareTo(b.substring(j, ej));
            } else if (na != nb) {
                c = na ? 1 : -1;
            } else {
                c = a.substring(i, ei).compareTo(b.substring(j, ej));
            }
            if (c != 0) {
                return c;
            }
            i = ei + 1;
            j = ej + 1;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int segmentEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static boolean isNumber(String s, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A comparison as written, for messages. */
    static String describe(Comparison c) {
        StringBuilder b = new StringBuilder();
        for (PathSegment seg : c.parameter().segments()) {
            if (b.length() > 0) {
                b.append('.');
            }
            if (seg instanceof PathSegment.Name nm) {
                b.append(nm.name());
            } else if (seg instanceof PathSegment.ReferenceFollow rf) {
                b.append(rf.parameter());
                if (rf.index() instanceof ReferenceIndex.Nth nt) {
                    b.append('#').append(nt.n());
                } else if (rf.index() instanceof ReferenceIndex.All) {
                    b.append("#*");
                }
                b.append('+');
            } else {
                b.append(seg);
            }
        }
        b.append(c.operator().symbol());
        if (c.value().quoted()) {
            b.append('"').append(c.value().text()).append('"');
        } else {
            b.append(c.value().text());
        }
        return b.toString();
    }
}
