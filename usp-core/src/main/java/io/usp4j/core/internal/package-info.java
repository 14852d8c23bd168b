/** Implementation details shared by the usp-core packages; not API, may change without notice. */
package io.usp4j.core.internal;
