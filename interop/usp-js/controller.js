#!/usr/bin/env node
// usp-js 0.5.1 as an independent USP Controller over MQTT, driven by usp4j's UspJsInteropTest.
//
// Runs one scripted scenario against an agent and prints one JSON line per step on stdout:
//   {"step":"<name>","ok":true|false,...results...}   (failures carry "error")
// Steps: connect, supportedProto, get, set, getLabel, add, del, instances, supportedDM, operate, subscribe,
// notify, disconnect. Exits 0 when every step succeeded, 1 when one failed, 2 on a usage error or when the
// whole run exceeds --deadline-ms. Anything else usp-js or mqtt.js prints goes to stderr, so stdout holds only
// the step lines.
//
// Usage: node controller.js --host 127.0.0.1 --port 1883 --mqtt 5|3.1.1 --to <agent EndpointID>
//          --from <controller EndpointID> --publish <agent's topic> --subscribe <controller's topic>
//          --root Device.X_USP4J_Interop. --label <value to Set> --names <name1,name2> --text <Echo() input>
//          [--timeout-ms 10000] [--notify-timeout-ms 15000] [--deadline-ms 60000] [--await-reconnect true]
//
// With --await-reconnect true, after the notify step the script waits for the line "reconnected" on stdin (the
// test makes the agent reconnect to the broker meanwhile), then runs the step getAfterReconnect.
"use strict";

const started = Date.now();
// One JSON line per step; "ms" is the time since the script started.
const out = (line) => process.stdout.write(JSON.stringify(Object.assign({}, line, { ms: Date.now() - started })) + "\n");
// usp-js logs decoding trouble with console.log; keep stdout for the step lines.
console.log = (...args) => console.error(...args);

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      throw new Error("unexpected argument " + a);
    }
    const eq = a.indexOf("=");
    if (eq > 0) {
      args[a.slice(2, eq)] = a.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) {
        throw new Error("missing value for " + a);
      }
      args[a.slice(2)] = argv[++i];
    }
  }
  for (const k of ["host", "port", "mqtt", "to", "from", "publish", "subscribe", "root", "label", "names", "text"]) {
    if (args[k] === undefined) {
      throw new Error("missing --" + k);
    }
  }
  if (args.mqtt !== "5" && args.mqtt !== "5.0" && args.mqtt !== "3.1.1") {
    throw new Error("--mqtt must be 5 or 3.1.1, not " + args.mqtt);
  }
  return args;
}

/** An error as something JSON can carry: usp-js rejects with strings, objects or Errors. */
function describe(err) {
  if (err instanceof Error) {
    return err.stack || String(err);
  }
  if (typeof err === "object" && err !== null) {
    try {
      return JSON.stringify(err);
    } catch (e) {
      return String(err);
    }
  }
  return String(err);
}

/** Resolves when stdin delivers this line. */
function waitForLine(expected) {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop();
      if (lines.some((l) => l.trim() === expected)) {
        process.stdin.off("data", onData);
        process.stdin.pause();
        resolve();
      }
    };
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", onData);
    process.stdin.once("end", () => reject(new Error("stdin ended before " + expected)));
    process.stdin.resume();
  });
}

function withTimeout(promise, ms, what) {
  let id;
  const timeout = new Promise((_, reject) => {
    id = setTimeout(() => reject(new Error(what + ": no answer within " + ms + " ms")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(id));
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    out({ step: "usage", ok: false, error: e.message });
    process.exit(2);
  }
  const deadline = Number(args["deadline-ms"] || 60000);
  setTimeout(() => {
    out({ step: "deadline", ok: false, error: "the scenario did not finish within " + deadline + " ms" });
    process.exit(2);
  }, deadline).unref();

  const timeoutMs = Number(args["timeout-ms"] || 10000);
  const notifyTimeoutMs = Number(args["notify-timeout-ms"] || 15000);
  const root = args.root;
  const names = args.names.split(",");
  let failed = false;

  const connect = require("usp-js").default;
  const errorEvents = [];
  let usp;
  try {
    const base = await connect(
      {
        host: args.host,
        port: Number(args.port),
        protocol: "mqtt",
        protocolVersion: args.mqtt === "3.1.1" ? 4 : 5,
        clientId: "usp-js-" + process.pid,
        toId: args.to,
        fromId: args.from,
        publishEndpoint: args.publish,
        subscribeEndpoint: args.subscribe,
        connectTimeout: timeoutMs,
        closeOnDisconnect: true,
      },
      {
        onError: (err) => {
          // Records usp-js could not read (it reads everything on its topic as a Msg); reported, not fatal.
          errorEvents.push(describe(err));
          out({ step: "error-event", ok: true, error: describe(err) });
        },
      }
    );
    usp = base.options({ timeout: timeoutMs });
    out({ step: "connect", ok: true, uspVersion: base.getUSPVersion(), mqtt: args.mqtt });
  } catch (e) {
    out({ step: "connect", ok: false, error: describe(e) });
    process.exit(1);
  }

  async function step(name, fn) {
    try {
      const result = await fn();
      out(Object.assign({ step: name, ok: true }, result));
      return true;
    } catch (e) {
      failed = true;
      out({ step: name, ok: false, error: describe(e) });
      return false;
    }
  }

  await step("supportedProto", async () => ({ versions: await usp.supportedProto("1.0,1.1,1.2,1.3,1.4") }));

  await step("get", async () => ({
    path: "Device.LocalAgent.EndpointID",
    value: await usp.get("Device.LocalAgent.EndpointID"),
  }));

  await step("set", async () => {
    const res = await usp.set(root + "Label", args.label);
    return { response: res };
  });

  await step("getLabel", async () => ({ path: root + "Label", value: await usp.get(root + "Label") }));

  const added = [];
  await step("add", async () => {
    for (const name of names) {
      const path = await usp.add(root + "Item.", { Name: name });
      added.push(path);
    }
    return { paths: added };
  });

  await step("del", async () => {
    if (added.length === 0) {
      throw new Error("nothing was added");
    }
    return { requested: added[0], affected: await usp.del(added[0]) };
  });

  await step("instances", async () => ({ response: await usp.instances(root + "Item.") }));

  await step("supportedDM", async () => ({
    response: await usp.supportedDM(root, {
      firstLevelOnly: false,
      returnCommands: true,
      returnEvents: true,
      returnParams: true,
    }),
  }));

  await step("operate", async () => {
    const [command] = await usp.operate(root + "Echo()", { isAsync: false });
    return { command: root + "Echo()", output: await command({ Text: args.text }) };
  });

  let resolveNotify;
  const notified = new Promise((resolve) => {
    resolveNotify = resolve;
  });
  const subscribed = await step("subscribe", async () => {
    const clear = await usp.subscribe(
      { id: "usp4j-interop", notif: "ValueChange", reference: root + "Counter" },
      (msg, fullMsg) => resolveNotify({ msg, fullMsg })
    );
    return { reference: root + "Counter", unsubscribe: typeof clear };
  });

  if (subscribed) {
    // The test changes the Counter on the agent when it reads the "subscribe" line above.
    await step("notify", async () => {
      const { msg, fullMsg } = await withTimeout(notified, notifyTimeoutMs, "ValueChange Notify");
      const notify = fullMsg && fullMsg.body && fullMsg.body.request && fullMsg.body.request.notify;
      return {
        msgId: fullMsg && fullMsg.header && fullMsg.header.msgId,
        subscriptionId: notify && notify.subscriptionId,
        sendResp: notify && notify.sendResp,
        valueChange: notify && notify.valueChange,
        decoded: msg,
      };
    });
  } else {
    failed = true;
    out({ step: "notify", ok: false, error: "not subscribed" });
  }

  if (args["await-reconnect"] === "true") {
    await step("reconnect", async () => {
      await withTimeout(waitForLine("reconnected"), timeoutMs, "the test's reconnected signal");
      return {};
    });
    await step("getAfterReconnect", async () => ({
      path: root + "Label",
      value: await usp.get(root + "Label"),
    }));
  }

  await step("disconnect", async () => {
    await withTimeout(Promise.resolve(usp.disconnect()), timeoutMs, "disconnect");
    return { errorEvents: errorEvents.length };
  });
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  out({ step: "crash", ok: false, error: describe(e) });
  process.exit(1);
});
