/**
 * The user guide's samples (docs/guide), as tests: each page's blocks are regions of one class here, checked
 * against the page by {@link dev.hexsync.examples.guide.GuideSnippetsTest}.
 */
package dev.hexsync.examples.guide;
