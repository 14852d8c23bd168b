package io.usp4j.controller;

import io.usp4j.core.proto.msg.Notify;
import java.util.Locale;
import java.util.Optional;

/** The {@code NotifType} of a {@code Device.LocalAgent.Subscription.{i}.} row, as TR-181 spells its values. */
public enum NotifType {
    /** A parameter's value changed. */
    VALUE_CHANGE("ValueChange", Notify.NotificationCase.VALUE_CHANGE),
    /** An object instance was created. */
    OBJECT_CREATION("ObjectCreation", Notify.NotificationCase.OBJ_CREATION),
    /** An object instance was deleted. */
    OBJECT_DELETION("ObjectDeletion", Notify.NotificationCase.OBJ_DELETION),
    /** An asynchronous command finished. */
    OPERATION_COMPLETE("OperationComplete", Notify.NotificationCase.OPER_COMPLETE),
    /** A data-model event ({@code Name!}). */
    EVENT("Event", Notify.NotificationCase.EVENT);

    private final String dataModelName;
    private final Notify.NotificationCase notification;

    NotifType(String dataModelName, Notify.NotificationCase notification) {
        this.dataModelName = dataModelName;
        this.notification = notification;
    }

    /** The value as the data model writes it: {@code ValueChange}, {@code ObjectCreation}... */
    public String dataModelName() {
        return dataModelName;
    }

    /** The member of {@code Notify.notification} a notification of this type carries. */
    public Notify.NotificationCase notification() {
        return notification;
    }

    /**
     * Parses a type name: the data-model spelling ({@code ValueChange}), case-insensitive, with or without
     * dashes or underscores ({@code value-change}).
     *
     * @throws IllegalArgumentException when it names no type
     */
    public static NotifType parse(String text) {
        String t = text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (NotifType n : values()) {
            if (n.dataModelName.toLowerCase(Locale.ROOT).equals(t)) {
                return n;
            }
        }
        throw new IllegalArgumentException("not a NotifType: '" + text
                + "' (ValueChange, ObjectCreation, ObjectDeletion, OperationComplete, Event)");
    }

    /** The type of a notification; empty for an OnBoardRequest, which no subscription asks for. */
    public static Optional<NotifType> of(Notify notify) {
        for (NotifType n : values()) {
            if (n.notification == notify.getNotificationCase()) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
