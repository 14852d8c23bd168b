/**
 * The subscription engine: turns what happens in the data model ({@code Device.LocalAgent.Subscription.{i}.}
 * rows matched against value changes, object creations and deletions, events and finished asynchronous
 * commands) into Notify messages for the subscribed Controllers, sends {@code Device.Boot!} at start and
 * {@code Device.LocalAgent.Periodic!} on each Controller's period, and keeps the table itself in order
 * (Persistent, TimeToLive, removal with the Controller, an immutable ReferenceList, TriggerAction).
 */
package io.usp4j.agent.notify.subscription;
