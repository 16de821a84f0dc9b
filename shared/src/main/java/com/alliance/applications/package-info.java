/**
 * Hosts' applications to join a product's targeted plan and the brands' answers: the application and its rules
 * ({@link com.alliance.applications.Application}), its items on the orders table with the one-open-per-host-and-product
 * guard ({@link com.alliance.applications.ApplicationRepository}), the service and the expiry job. May use catalog,
 * hosts, parties, samples, jobs and persistence; nothing there uses it.
 */
package com.alliance.applications;
