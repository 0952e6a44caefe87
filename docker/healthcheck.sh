#!/bin/sh
# Container liveness (Dockerfile HEALTHCHECK). The worker rewrites its heartbeat file every 30 s while its scheduler
# runs (SiteAudit:Worker:HealthFile): healthy when the file is younger than 2 minutes. A container running another
# verb (a one-off audit) has no heartbeat and is healthy while it runs.
f="${SiteAudit__Worker__HealthFile:-/tmp/siteaudit-worker.health}"
if [ -e "$f" ]; then
  if [ -n "$(find "$f" -mmin -2 2>/dev/null)" ]; then exit 0; fi
  echo "siteaudit: heartbeat $f is older than 2 minutes"
  exit 1
fi
if tr '\0' ' ' < /proc/1/cmdline 2>/dev/null | grep -q ' worker'; then
  echo "siteaudit: the worker has written no heartbeat ($f)"
  exit 1
fi
exit 0
