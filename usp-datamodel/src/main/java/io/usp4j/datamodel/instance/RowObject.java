package io.usp4j.datamodel.instance;

import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.core.path.resolve.SupportedObject;
import io.usp4j.datamodel.binding.ObjectInstance;
import java.util.ArrayList;
import java.util.List;

/** A {@link Row} seen through one {@link ModelView}: what the path resolver and firmware callbacks get. */
final class RowObject implements InstantiatedObject, ObjectInstance {
    final ModelView view;
    final Row row;

    RowObject(ModelView view, Row row) {
        this.view = view;
        this.row = row;
    }

    @Override
    public SupportedObject supported() {
        return row.node;
    }

    @Override
    public long instanceNumber() {
        return row.number;
    }

    @Override
    public String path() {
        return row.path;
    }

    @Override
    public String rowId() {
        return row.rowId;
    }

    @Override
    public ObjectInstance parent() {
        return row.parent == null ? null : new RowObject(view, row.parent);
    }

    @Override
    public InstantiatedObject child(String name) {
        ObjectNode child = row.node.children.get(name);
        if (child == null || child.table) {
            return null;
        }
        return new RowObject(view, row.single(name, child));
    }

    @Override
    public Iterable<? extends InstantiatedObject> instances(String name) {
        ObjectNode child = row.node.children.get(name);
        if (child == null || !child.table) {
            return List.of();
        }
        List<Row> rows = view.rows(row, child);
        List<RowObject> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new RowObject(view, r));
        }
        return out;
    }

    @Override
    public InstantiatedObject instance(String name, long number) {
        ObjectNode child = row.node.children.get(name);
        if (child == null || !child.table) {
            return null;
        }
        Row r = view.row(row, child, number);
        return r == null ? null : new RowObject(view, r);
    }

    @Override
    public String value(String name) {
        int i = row.node.index(name);
        return i < 0 ? null : view.value(row, i);
    }

    @Override
    public String toString() {
        return row.path;
    }
}
