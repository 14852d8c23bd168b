package io.usp4j.controller.cli;

import io.usp4j.core.value.JsonText;
import io.usp4j.controller.NotifType;
import io.usp4j.controller.Notification;
import io.usp4j.controller.RemoteAgent;
import io.usp4j.controller.Subscription;
import io.usp4j.controller.SubscriptionOptions;
import io.usp4j.controller.UspErrorException;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.proto.msg.AddResp;
import io.usp4j.core.proto.msg.DeleteResp;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.core.proto.msg.GetInstancesResp;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.GetSupportedDMResp;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.SetResp;
import io.usp4j.core.record.ProtocolVersion;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one command against the agent and prints its results: an aligned table (path, value) by default,
 * one JSON object per result with {@code --json}. Per-path and per-object failures are printed (to the error
 * stream as {@code usp: error CODE (meaning): message [path]}, or as JSON objects with {@code err_code} on the
 * output stream) and make the exit code 1. Used by one thread at a time, except notification printing.
 */
final class Commands {
    private final RemoteAgent agent;
    private final PrintStream out;
    private final PrintStream err;
    /** Subscriptions a shell session keeps until it ends. */
    private final List<Subscription> sessionSubscriptions;
    private final CountDownLatch stop;
    /** Where notifications print: the output stream, or above the shell's prompt. */
    private final Consumer<String> notifications;

    Commands(RemoteAgent agent, PrintStream out, PrintStream err, List<Subscription> sessionSubscriptions, CountDownLatch stop,
            Consumer<String> notifications) {
        this.agent = agent;
        this.out = out;
        this.err = err;
        this.sessionSubscriptions = sessionSubscriptions;
        this.stop = stop;
        this.notifications = notifications;
    }

    /** What a command found: rows or JSON objects, and failures. */
    private final class Result {
        final boolean json;
        final Table table = new Table();
        final List<Map<String, Object>> objects = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<Map<String, Object>> jsonErrors = new ArrayList<>();

        Result(boolean json) {
            this.json = json;
        }

        void row(String... cells) {
            table.add(cells);
        }

        void object(Map<String, Object> o) {
            objects.add(o);
        }

        void error(String path, long code, String message) {
            if (json) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("path", path);
                e.put("err_code", code);
                e.put("err_msg", message);
                jsonErrors.add(e);
            } else {
                errors.add(describe(code, message, path));
            }
        }

        int print() {
            synchronized (out) {
                if (json) {
                    objects.forEach(o -> out.println(JsonText.write(o)));
                    jsonErrors.forEach(o -> out.println(JsonText.write(o)));
                } else {
                    table.print(out);
                }
                out.flush();
            }
            errors.forEach(e -> err.println("usp: " + e));
            return errors.isEmpty() && jsonErrors.isEmpty() ? 0 : 1;
        }
    }

    static String describe(long code, String message, String path) {
        StringBuilder b = new StringBuilder("error ").append(code);
        ErrorCode.of(code).ifPresent(c -> b.append(" (").append(c.meaning()).append(')'));
        if (!message.isEmpty()) {
            b.append(": ").append(message);
        }
        if (!path.isEmpty()) {
            b.append(" [").append(path).append(']');
        }
        return b.toString();
    }

    /**
     * Runs a command.
     *
     * @return the exit code: 0, or 1 when something failed
     * @throws UsageException when its words are wrong
     */
    int run(CliOptions o) throws UsageException {
        Result r = new Result(o.json);
        try {
            switch (o.command) {
                case "get" -> get(o, r);
                case "set" -> set(o, r);
                case "add" -> add(o, r);
                case "delete" -> delete(o, r);
                case "operate" -> operate(o, r);
                case "instances" -> instances(o, r);
                case "supported-dm" -> supportedDm(o, r);
                case "protocol" -> protocol(o, r);
                case "subscribe" -> {
                    return subscribe(o);
                }
                default -> throw new UsageException("unknown command " + o.command);
            }
        } catch (UspErrorException e) {
            r.error(e.path(), e.code(), e.errorMessage());
            for (Error.ParamError p : e.paramErrors()) {
                r.error(p.getParamPath(), p.getErrCode(), p.getErrMsg());
            }
        } catch (FailureException e) {
            r.print();
            err.println("usp: " + e.getMessage());
            return 1;
        }
        return r.print();
    }

    /** A request failed for another reason than a USP error: no answer, not sent, interrupted. */
    private static final class FailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailureException(String message) {
            super(message);
        }
    }

    private <T> T await(CompletableFuture<T> f, CliOptions o) {
        try {
            // The controller times the request out; the margin only guards against a stuck transport.
            return f.get(o.timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UspErrorException u) {
                throw u;
            }
            if (cause instanceof TimeoutException) {
                throw new FailureException("no answer from " + agent.endpointId() + " within " + o.timeout.toMillis() + " ms");
            }
            throw new FailureException(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (TimeoutException e) {
            throw new FailureException("no answer from " + agent.endpointId() + " within " + o.timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException("interrupted");
        }
    }

    private static void needArgs(CliOptions o, int min, String usage) throws UsageException {
        if (o.args.size() < min) {
            throw new UsageException("usage: usp " + o.command + " " + usage);
        }
    }

    /** {@code NAME=VALUE} words, in order. */
    private static Map<String, String> assignments(List<String> words, String what) throws UsageException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("expected " + what + "=VALUE, got '" + w + "'");
            }
            m.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return m;
    }

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String keys(Map<String, String> keys) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(keys).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }

    // ------------------------------------------------------------------ the commands

    private void get(CliOptions o, Result r) throws UsageException {
        needArgs(o, 1, "PATH... [--depth N]");
        GetResp resp = await(agent.get(o.args, o.depth), o);
        for (GetResp.RequestedPathResult p : resp.getReqPathResultsList()) {
            if (p.getErrCode() != 0) {
                r.error(p.getRequestedPath(), p.getErrCode(), p.getErrMsg());
                continue;
            }
            for (GetResp.ResolvedPathResult res : p.getResolvedPathResultsList()) {
                new TreeMap<>(res.getResultParamsMap()).forEach((name, value) -> {
                    String path = res.getResolvedPath() + name;
                    if (r.json) {
                        r.object(obj("path", path, "value", value));
                    } else {
                        r.row(path, value);
                    }
                });
            }
        }
    }

    private void set(CliOptions o, Result r) throws UsageException {
        needArgs(o, 1, "PATH=VALUE...");
        Map<String, String> values = assignments(o.args, "PATH");
        SetResp resp;
        try {
            resp = await(agent.set(values), o);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (SetResp.UpdatedObjectResult u : resp.getUpdatedObjResultsList()) {
            SetResp.UpdatedObjectResult.OperationStatus s = u.getOperStatus();
            if (s.hasOperFailure()) {
                r.error(u.getRequestedPath(), s.getOperFailure().getErrCode(), s.getOperFailure().getErrMsg());
                for (SetResp.UpdatedInstanceFailure f : s.getOperFailure().getUpdatedInstFailuresList()) {
                    for (SetResp.ParameterError pe : f.getParamErrsList()) {
                        r.error(f.getAffectedPath() + pe.getParam(), pe.getErrCode(), pe.getErrMsg());
                    }
                }
                continue;
            }
            for (SetResp.UpdatedInstanceResult i : s.getOperSuccess().getUpdatedInstResultsList()) {
                new TreeMap<>(i.getUpdatedParamsMap()).forEach((name, value) -> {
                    String path = i.getAffectedPath() + name;
                    if (r.json) {
                        r.object(obj("path", path, "value", value));
                    } else {
                        r.row(path, value);
                    }
                });
                for (SetResp.ParameterError pe : i.getParamErrsList()) {
                    r.error(i.getAffectedPath() + pe.getParam(), pe.getErrCode(), pe.getErrMsg());
                }
            }
        }
    }

    private void add(CliOptions o, Result r) throws UsageException {
        needArgs(o, 1, "OBJECT_PATH [PARAM=VALUE...]");
        String table = o.args.get(0);
        if (!table.endsWith(".")) {
            throw new UsageException("add needs an Object Path ending in '.', not '" + table + "'");
        }
        AddResp resp = await(agent.add(table, assignments(o.args.subList(1, o.args.size()), "PARAM")), o);
        for (AddResp.CreatedObjectResult c : resp.getCreatedObjResultsList()) {
            AddResp.CreatedObjectResult.OperationStatus s = c.getOperStatus();
            if (s.hasOperFailure()) {
                r.error(c.getRequestedPath(), s.getOperFailure().getErrCode(), s.getOperFailure().getErrMsg());
                continue;
            }
            AddResp.CreatedObjectResult.OperationStatus.OperationSuccess ok = s.getOperSuccess();
            if (r.json) {
                r.object(obj("path", ok.getInstantiatedPath(), "unique_keys", new TreeMap<>(ok.getUniqueKeysMap())));
            } else {
                r.row(ok.getInstantiatedPath(), "created");
                new TreeMap<>(ok.getUniqueKeysMap()).forEach((k, v) -> r.row(ok.getInstantiatedPath() + k, v));
            }
            for (AddResp.ParameterError pe : ok.getParamErrsList()) {
                r.error(ok.getInstantiatedPath() + pe.getParam(), pe.getErrCode(), pe.getErrMsg());
            }
        }
    }

    private void delete(CliOptions o, Result r) throws UsageException {
        needArgs(o, 1, "OBJECT_INSTANCE_PATH...");
        DeleteResp resp = await(agent.delete(o.args), o);
        for (DeleteResp.DeletedObjectResult d : resp.getDeletedObjResultsList()) {
            DeleteResp.DeletedObjectResult.OperationStatus s = d.getOperStatus();
            if (s.hasOperFailure()) {
                r.error(d.getRequestedPath(), s.getOperFailure().getErrCode(), s.getOperFailure().getErrMsg());
                continue;
            }
            for (String p : s.getOperSuccess().getAffectedPathsList()) {
                if (r.json) {
                    r.object(obj("path", p, "deleted", true));
                } else {
                    r.row(p, "deleted");
                }
            }
            for (DeleteResp.UnaffectedPathError e : s.getOperSuccess().getUnaffectedPathErrsList()) {
                r.error(e.getUnaffectedPath(), e.getErrCode(), e.getErrMsg());
            }
        }
    }

    private void operate(CliOptions o, Result r) throws UsageException {
        needArgs(o, 1, "COMMAND [ARG=VALUE...] [--key KEY] [--no-resp]");
        String command = o.args.get(0);
        if (!command.endsWith(")")) {
            throw new UsageException("operate needs a Command Path ending in '()', not '" + command + "'");
        }
        Map<String, String> args = assignments(o.args.subList(1, o.args.size()), "ARG");
        OperateResp resp = await(o.key == null ? agent.operate(command, args, !o.noResp)
                : agent.operate(command, o.key, args, !o.noResp), o);
        for (OperateResp.OperationResult res : resp.getOperationResultsList()) {
            String cmd = res.getExecutedCommand();
            switch (res.getOperationRespCase()) {
                case CMD_FAILURE -> r.error(cmd, res.getCmdFailure().getErrCode(), res.getCmdFailure().getErrMsg());
                case REQ_OBJ_PATH -> {
                    if (r.json) {
                        r.object(obj("command", cmd, "request_path", res.getReqObjPath()));
                    } else {
                        r.row(cmd, "request", res.getReqObjPath());
                    }
                }
                default -> {
                    Map<String, String> outArgs = new TreeMap<>(res.getReqOutputArgs().getOutputArgsMap());
                    if (r.json) {
                        r.object(obj("command", cmd, "output_args", outArgs));
                    } else if (outArgs.isEmpty()) {
                        r.row(cmd, "done");
                    } else {
                        outArgs.forEach((k, v) -> r.row(cmd, k, v));
                    }
                }
            }
        }
    }

    private void instances(CliOptions o, Result r) throws UsageException {
        needArgs(o, 1, "OBJECT_PATH... [--first-level]");
        GetInstancesResp resp = await(agent.instances(o.args, o.firstLevel), o);
        for (GetInstancesResp.RequestedPathResult p : resp.getReqPathResultsList()) {
            if (p.getErrCode() != 0) {
                r.error(p.getRequestedPath(), p.getErrCode(), p.getErrMsg());
                continue;
            }
            for (GetInstancesResp.CurrInstance i : p.getCurrInstsList()) {
                if (r.json) {
                    r.object(obj("path", i.getInstantiatedObjPath(), "unique_keys", new TreeMap<>(i.getUniqueKeysMap())));
                } else {
                    r.row(i.getInstantiatedObjPath(), keys(i.getUniqueKeysMap()));
                }
            }
        }
    }

    private static String strip(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    private void supportedDm(CliOptions o, Result r) throws UsageException {
        needArgs(o, 1, "PATH... [--first-level]");
        GetSupportedDMResp resp = await(agent.supportedDm(o.args, o.firstLevel, true, true, true), o);
        for (GetSupportedDMResp.RequestedObjectResult req : resp.getReqObjResultsList()) {
            if (req.getErrCode() != 0) {
                r.error(req.getReqObjPath(), req.getErrCode(), req.getErrMsg());
                continue;
            }
            for (GetSupportedDMResp.SupportedObjectResult so : req.getSupportedObjsList()) {
                String path = so.getSupportedObjPath();
                String access = strip(so.getAccess().name(), "OBJ_");
                if (r.json) {
                    List<Object> params = new ArrayList<>();
                    so.getSupportedParamsList().forEach(p -> params.add(obj("name", p.getParamName(),
                            "access", strip(p.getAccess().name(), "PARAM_"), "type", strip(p.getValueType().name(), "PARAM_"))));
                    List<Object> commands = new ArrayList<>();
                    so.getSupportedCommandsList().forEach(c -> commands.add(obj("name", c.getCommandName(),
                            "type", strip(c.getCommandType().name(), "CMD_"), "input", c.getInputArgNamesList(),
                            "output", c.getOutputArgNamesList())));
                    List<Object> events = new ArrayList<>();
                    so.getSupportedEventsList().forEach(e -> events.add(obj("name", e.getEventName(), "args", e.getArgNamesList())));
                    r.object(obj("path", path, "access", access, "multi_instance", so.getIsMultiInstance(),
                            "params", params, "commands", commands, "events", events));
                    continue;
                }
                r.row(path, "object", access + (so.getIsMultiInstance() ? " multi-instance" : ""));
                for (GetSupportedDMResp.SupportedParamResult p : so.getSupportedParamsList()) {
                    r.row(path + p.getParamName(), "param",
                            strip(p.getAccess().name(), "PARAM_") + " " + strip(p.getValueType().name(), "PARAM_"));
                }
                for (GetSupportedDMResp.SupportedCommandResult c : so.getSupportedCommandsList()) {
                    r.row(path + c.getCommandName(), "command", strip(c.getCommandType().name(), "CMD_")
                            + " in(" + String.join(",", c.getInputArgNamesList()) + ")"
                            + " out(" + String.join(",", c.getOutputArgNamesList()) + ")");
                }
                for (GetSupportedDMResp.SupportedEventResult e : so.getSupportedEventsList()) {
                    r.row(path + e.getEventName(), "event", "args(" + String.join(",", e.getArgNamesList()) + ")");
                }
            }
        }
    }

    private void protocol(CliOptions o, Result r) throws UsageException {
        String mine = o.args.isEmpty() ? ProtocolVersion.formatList(ProtocolVersion.SUPPORTED) : String.join(",", o.args);
        try {
            ProtocolVersion.parseList(mine);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String versions = await(agent.supportedProtocol(mine), o).getAgentSupportedProtocolVersions();
        if (r.json) {
            r.object(obj("agent_supported_protocol_versions", Arrays.asList(versions.split(","))));
        } else {
            r.row("AgentSupportedProtocolVersions", versions);
        }
    }

    // ------------------------------------------------------------------ subscribe

    private int subscribe(CliOptions o) throws UsageException {
        needArgs(o, 2, "TYPE REFERENCE_PATH... [--count N] [--keep]   (TYPE: ValueChange, ObjectCreation, "
                + "ObjectDeletion, OperationComplete, Event)");
        NotifType type;
        try {
            type = NotifType.parse(o.args.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SubscriptionOptions options;
        try {
            options = SubscriptionOptions.builder(type).references(o.args.subList(1, o.args.size())).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        boolean json = o.json;
        Subscription sub;
        Result r = new Result(json);
        try {
            sub = await(agent.subscribe(options, n -> {
                printNotification(n, json);
                if (o.count > 0 && seen.incrementAndGet() >= o.count) {
                    enough.countDown();
                }
            }), o);
        } catch (UspErrorException e) {
            r.error(e.path(), e.code(), e.errorMessage());
            e.paramErrors().forEach(p -> r.error(p.getParamPath(), p.getErrCode(), p.getErrMsg()));
            return r.print();
        } catch (FailureException e) {
            err.println("usp: " + e.getMessage());
            return 1;
        }
        boolean inShell = sessionSubscriptions != null;
        err.println("usp: subscribed " + sub.path() + " (ID " + sub.id() + ")"
                + (o.count > 0 ? "; waiting for " + o.count + " notification(s)"
                : inShell ? "; notifications print as they arrive until the shell ends" : "; waiting for notifications (Ctrl-C to stop)"));
        if (inShell && o.count <= 0) {
            if (!o.keep) {
                sessionSubscriptions.add(sub);
            } else {
                sub.detach();
            }
            return 0;
        }
        try {
            while (enough.getCount() > 0 && stop.getCount() > 0) {
                enough.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return finish(sub, o) ? 0 : 1;
    }

    /** Deletes the subscription row unless {@code --keep}; true when that went well. */
    boolean finish(Subscription sub, CliOptions o) {
        if (o.keep) {
            sub.detach();
            err.println("usp: kept " + sub.path() + " on the agent");
            return true;
        }
        try {
            await(sub.cancel(), o);
            return true;
        } catch (UspErrorException | FailureException e) {
            err.println("usp: could not delete " + sub.path() + ": " + e.getMessage());
            return false;
        }
    }

    private void printNotification(Notification n, boolean json) {
        Notify p = n.payload();
        Map<String, Object> o = obj("subscription_id", n.subscriptionId(), "type", n.typeName());
        Table t = new Table();
        switch (p.getNotificationCase()) {
            case VALUE_CHANGE -> {
                o.put("path", p.getValueChange().getParamPath());
                o.put("value", p.getValueChange().getParamValue());
                t.add(n.typeName(), p.getValueChange().getParamPath(), p.getValueChange().getParamValue());
            }
            case OBJ_CREATION -> {
                o.put("path", p.getObjCreation().getObjPath());
                o.put("unique_keys", new TreeMap<>(p.getObjCreation().getUniqueKeysMap()));
                t.add(n.typeName(), p.getObjCreation().getObjPath(), keys(p.getObjCreation().getUniqueKeysMap()));
            }
            case OBJ_DELETION -> {
                o.put("path", p.getObjDeletion().getObjPath());
                t.add(n.typeName(), p.getObjDeletion().getObjPath());
            }
            case EVENT -> {
                o.put("path", p.getEvent().getObjPath() + p.getEvent().getEventName());
                o.put("params", new TreeMap<>(p.getEvent().getParamsMap()));
                t.add(n.typeName(), p.getEvent().getObjPath() + p.getEvent().getEventName(), keys(p.getEvent().getParamsMap()));
            }
            case OPER_COMPLETE -> {
                Notify.OperationComplete c = p.getOperComplete();
                String path = c.getObjPath() + c.getCommandName();
                o.put("path", path);
                o.put("command_key", c.getCommandKey());
                if (c.hasCmdFailure()) {
                    o.put("err_code", c.getCmdFailure().getErrCode());
                    o.put("err_msg", c.getCmdFailure().getErrMsg());
                    t.add(n.typeName(), path, "key=" + c.getCommandKey(),
                            describe(c.getCmdFailure().getErrCode(), c.getCmdFailure().getErrMsg(), ""));
                } else {
                    o.put("output_args", new TreeMap<>(c.getReqOutputArgs().getOutputArgsMap()));
                    t.add(n.typeName(), path, "key=" + c.getCommandKey(), keys(c.getReqOutputArgs().getOutputArgsMap()));
                }
            }
            default -> {
                o.put("notify", p.toString());
                t.add(n.typeName(), p.toString().replace('\n', ' '));
            }
        }
        if (json) {
            notifications.accept(JsonText.write(o) + System.lineSeparator());
        } else {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            PrintStream buffer = new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8);
            t.print(buffer);
            notifications.accept(text.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
