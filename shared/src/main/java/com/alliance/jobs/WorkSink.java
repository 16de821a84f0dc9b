package com.alliance.jobs;

/** Where work items go: a job's SQS work queue ({@link WorkQueues}), or the caller's own hand ({@link JobDrain}). */
@FunctionalInterface
public interface WorkSink {

    void send(WorkItem item);
}
