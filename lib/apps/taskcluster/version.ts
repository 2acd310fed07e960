import { Construct } from 'constructs';
import { checkPattern } from '../../core/validation';

/** A Taskcluster release tag: `v` and three numbers, as the image tags are (`v106.0.0`). */
export const TASKCLUSTER_VERSION_PATTERN = /^v\d{1,4}\.\d{1,4}\.\d{1,4}$/;

/** Checks a Taskcluster release tag such as `v106.0.0`. */
export function checkTaskclusterVersion(scope: Construct, field: string, version: string): string {
  return checkPattern(scope, field, version, TASKCLUSTER_VERSION_PATTERN, 'a Taskcluster release tag such as "v106.0.0" (the image tag)');
}
