/**
 * Notification delivery: the outbox that sends Notify messages to Controllers, keeps those sent with
 * {@code send_resp=true} until answered, retries them with the TR-369 backoff and holds them while a
 * Controller is unreachable ({@link io.usp4j.agent.notify.delivery.NotificationOutbox}), and the
 * OnBoardRequest notifications ({@link io.usp4j.agent.notify.delivery.OnBoarding}). What to notify is decided
 * elsewhere (subscriptions); this package only delivers.
 */
package io.usp4j.agent.notify.delivery;
