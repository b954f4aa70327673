/** The README's Java samples, as tests (checked against the README by {@code GuideSnippetsTest}). */
package dev.hexsync.examples.readme;
