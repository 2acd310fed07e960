import { HelmChartRef } from '../../kubernetes/app-release';

/**
 * Estafette CI's chart, pinned: 1.5.14 from https://helm.estafette.io (published 2025-10-20; its index digest is the
 * sha256 of the archive). It bundles CockroachDB 10.0.6 (CockroachDB v22.2.6), NATS 0.8.9 and Prometheus 14.8.0.
 */
export const ESTAFETTE_CHART: HelmChartRef = { repository: 'https://helm.estafette.io', chart: 'estafette-ci', version: '1.5.14' };

/**
 * The release name: fixed, because the chart's defaults hard-code names derived from it (the API dials
 * `estafette-ci-db-public` with the client certificates of `estafette-ci-db-client-secret`; the Ingress backends
 * name `estafette-ci-api` and `estafette-ci-web`).
 */
export const ESTAFETTE_RELEASE_NAME = 'estafette-ci';

/** The TLS Secret the chart's two Ingresses name (`<api fullname>.tls`): our Certificate writes it. */
export const ESTAFETTE_TLS_SECRET = 'estafette-ci-api.tls';

/** The image pull Secret the API's subchart renders from `api.image.credentials`; NATS and Prometheus name it. */
export const ESTAFETTE_REGISTRY_SECRET = 'estafette-ci-api.registry';

/** CockroachDB's Kubernetes service account (`db.tls.serviceAccount`, named after the subchart's fullname). */
export const ESTAFETTE_DB_SERVICE_ACCOUNT = 'estafette-ci-db';

/** CockroachDB's public Service (SQL on 26257, TLS with client certificates). */
export const ESTAFETTE_DB_HOST = 'estafette-ci-db-public';

/** The Secret with the CockroachDB root client certificate (ca.crt, tls.crt, tls.key) the chart's self-signer writes. */
export const ESTAFETTE_DB_CLIENT_SECRET = 'estafette-ci-db-client-secret';

/** The CockroachDB version the chart's subchart runs (`db.image.tag`). */
export const ESTAFETTE_COCKROACHDB_VERSION = 'v22.2.6';

/** The subcharts whose images the `image.credentials` of their section pull (the Docker Hub pull credentials). */
export const ESTAFETTE_CREDENTIAL_SECTIONS = ['api', 'web', 'db', 'cron-event-sender', 'db-migrator'] as const;

/** The subcharts that take only `imagePullSecrets` (they name the API's registry Secret). */
export const ESTAFETTE_PULL_SECRET_SECTIONS = ['metrics', 'queue'] as const;

/** Kubernetes API versions removed from Kubernetes (none may appear in the values we set or enable). */
export const REMOVED_KUBERNETES_API_VERSIONS = [
  'extensions/v1beta1',
  'apps/v1beta1',
  'apps/v1beta2',
  'policy/v1beta1',
  'networking.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1beta1',
  'batch/v1beta1',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'storage.k8s.io/v1beta1',
] as const;
