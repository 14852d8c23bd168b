/**
 * Checks values a Controller writes against a parameter's {@link io.usp4j.datamodel.schema.Syntax}:
 * {@link io.usp4j.datamodel.validation.ValueValidator} returns the canonical form to store or throws a
 * {@link io.usp4j.datamodel.validation.ValueRejectedException} carrying USP error 7011 (Invalid type) or
 * 7012 (Invalid value).
 */
package io.usp4j.datamodel.validation;
