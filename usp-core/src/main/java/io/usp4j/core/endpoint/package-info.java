/**
 * USP Endpoint Identifiers (TR-369, Architecture, "Endpoint Identifier"): the value type
 * {@link io.usp4j.core.endpoint.EndpointId}, its {@link io.usp4j.core.endpoint.AuthorityScheme schemes}, the
 * {@code urn:bbf:usp:id:} form carried in certificates, and the
 * {@link io.usp4j.core.endpoint.EndpointIdException failure} (USP 7012) for text that is not an Endpoint ID.
 */
package io.usp4j.core.endpoint;
