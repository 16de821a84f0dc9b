/**
 * Sample requests: a host asks for a product's sample, the brand approves and ships it, the host receives it and
 * keeps its promise to sell it in a session or lets it lapse; the host's tier caps its open requests, and its record
 * (kept and lapsed promises) reaches trust and matching through the running counts. It may use catalog, hosts,
 * orders (the running counts and report hours it reads), parties, jobs and persistence; nothing below it uses it.
 */
package com.alliance.samples;
