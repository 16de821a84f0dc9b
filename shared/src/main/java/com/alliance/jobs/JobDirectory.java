package com.alliance.jobs;

import java.util.Optional;

/** The jobs a process can work, by name (built when first asked for, so a worker builds only the jobs it is sent). */
@FunctionalInterface
public interface JobDirectory {

    Optional<ShardedJob> find(String name);
}
