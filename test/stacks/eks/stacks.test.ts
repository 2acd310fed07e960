import { SPACELIFT_DATABASE_CA } from '../../../lib/apps/spacelift/profile';
import { resolveLocals } from '../../support/documents';
import { only, resources } from '../../support/synth';
import { eksConfigWith, eksPair } from './example';

describe('spacelift-eks stack pair', () => {
  const { infra, platform, infraJson, platformJson } = eksPair();

  test('names the stacks <name>-eks-infra and <name>-eks-platform, platform after infra', () => {
    expect(infra.node.id).toBe('spacelift-eks-infra');
    expect(platform.node.id).toBe('spacelift-eks-platform');
    expect(platform.dependencies).toContain(infra);
  });

  test('infra holds only cloud resources; platform only in-cluster ones', () => {
    const infraTypes = Object.keys(infraJson.resource ?? {});
    const platformTypes = Object.keys(platformJson.resource ?? {});
    expect(infraTypes.every((t) => t.startsWith('aws_') || t.startsWith('random_') || t.startsWith('tls_'))).toBe(true);
    expect(platformTypes.every((t) => t.startsWith('kubernetes_') || t.startsWith('helm_'))).toBe(true);
    expect(platformTypes).toEqual(expect.arrayContaining(['helm_release', 'kubernetes_namespace_v1', 'kubernetes_secret_v1']));
  });

  test('the same three outputs as AKS (shell and kubernetes_secrets sensitive), plus the named facts', () => {
    const out = infraJson.output!;
    expect(out.shell.sensitive).toBe(true);
    expect(out.kubernetes_secrets.sensitive).toBe(true);
    expect(out.helm_values.sensitive).toBeUndefined();
    expect(out.kubernetes_secrets.value).toBe(
      '${join("---\\n", [yamlencode(local.spacelift_shared), yamlencode(local.spacelift_server), yamlencode(local.spacelift_drain), yamlencode(local.spacelift_database_ca)])}',
    );
    // Built by Terraform from the published values document (what it renders to: test/render).
    expect(out.helm_values.value).toContain('local.spacelift_helm_values');
    expect(out.cluster_name.value).toMatch(/^\$\{aws_eks_cluster\.[^.]+\.name\}$/);
    expect(out.ingress_ip_addresses.value).toHaveLength(3);
    expect(out.region.value).toBe('eu-west-1');
    expect(out.shell.value).toContain("format(\"export INGRESS_IP_ADDRESSES='%s'\\n\", replace(local.shell_env.INGRESS_IP_ADDRESSES, \"'\", local.shell_env_quote))");
  });

  test('Spacelift on AWS: KMS encryption with the stack keys, the account and region, S3', () => {
    const shared = resolveLocals(infraJson, infraJson.locals!.spacelift_shared_data);
    expect(shared).toMatchObject({ ENCRYPTION_TYPE: 'kms', OBJECT_STORAGE_TYPE: 'aws', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(shared.ENCRYPTION_RSA_PRIVATE_KEY).toBeUndefined();
    expect(shared.ENCRYPTION_KMS_ENCRYPTION_KEY_ID).toMatch(/^\$\{aws_kms_key\.spacelift-encryption-key[^.]*\.arn\}$/);
    expect(shared.ENCRYPTION_KMS_SIGNING_KEY_ID).toMatch(/^\$\{aws_kms_key\.spacelift-signing-key[^.]*\.arn\}$/);
    expect(shared.AWS_ACCOUNT_ID).toMatch(/^\$\{data\.aws_caller_identity\.[^.]+\.account_id\}$/);
    expect(shared.OBJECT_STORAGE_BUCKET_UPLOADS_URL).toMatch(/^https:\/\/\$\{aws_s3_bucket\.storage_bucket-uploads[^.]*\.bucket\}\.s3\.eu-west-1\.amazonaws\.com$/);
    expect(shared.DATABASE_URL).toContain('aws_db_instance');
    // No RSA key is generated when KMS does the encryption.
    expect(resources(infraJson, 'tls_private_key')).toEqual({});
    expect(infraJson.provider?.tls).toBeUndefined();
  });

  test('one IRSA role per component, annotated on its own service account in the values', () => {
    const values = resolveLocals(infraJson, infraJson.locals!.spacelift_helm_values);
    for (const component of ['server', 'drain', 'scheduler']) {
      expect(values[component].serviceAccount).toMatchObject({ create: true, name: `spacelift-${component}` });
      expect(values[component].serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(new RegExp(`^\\$\\{aws_iam_role\\.spacelift-${component}-identity_role[^.]*\\.arn\\}$`));
    }
    expect(values.serviceAccount.annotations).toEqual({});
    expect(values.shared.image).toMatch(/\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/spacelift\/spacelift-backend:v4\.0\.0$/);
  });

  test('least privilege: the scheduler reaches no bucket, the drain cannot read states, nobody gets wildcards', () => {
    const policy = (component: string) => {
      const [, doc] = Object.entries(infraJson.data!.aws_iam_policy_document!).find(([id]) => id.startsWith(`spacelift-${component}-identity_permissions`))!;
      return (doc as any).statement as any[];
    };
    const s3 = (component: string) => policy(component).filter((s) => s.actions.some((a: string) => a.startsWith('s3:')));
    expect(s3('scheduler')).toEqual([]);
    const drainStates = s3('drain').filter((s) => JSON.stringify(s.resources).includes('bucket-states'));
    expect(drainStates.flatMap((s) => s.actions).sort()).toEqual(['s3:DeleteObject', 's3:ListBucket']);
    const serverStates = s3('server').filter((s) => JSON.stringify(s.resources).includes('bucket-states'));
    expect(serverStates.flatMap((s) => s.actions)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucketVersions']));
    for (const c of ['server', 'drain', 'scheduler']) {
      for (const s of policy(c)) {
        expect(s.actions.some((a: string) => a.includes('*'))).toBe(false);
        expect(s.resources.some((r: string) => r === '*')).toBe(false);
      }
      const keys = policy(c).filter((s) => s.actions.some((a: string) => a.startsWith('kms:')));
      expect(keys.map((k) => k.sid).sort()).toEqual(c === 'scheduler' ? ['Keyencryption', 'Keysigning'] : ['Keyencryption', 'Keysigning', 'Keystorage']);
    }
    // Uploads: only the server signs upload URLs.
    expect(s3('drain').some((s) => JSON.stringify(s.resources).includes('bucket-uploads'))).toBe(false);
  });

  test('Elastic IPs: the example fits the default EC2-VPC Elastic IPs quota of 5 per region; per-zone NAT needs 6', () => {
    const eips = (json: any) => Object.keys(resources(json, 'aws_eip')).sort();
    // One NAT address and one ingress address per zone.
    expect(eips(infraJson)).toHaveLength(4);
    expect(eips(infraJson).length).toBeLessThanOrEqual(5);
    expect(eips(infraJson).filter((id) => id.startsWith('network_nat-'))).toEqual([expect.stringMatching(/^network_nat-0-address_/)]);
    const perZone = eksPair(eksConfigWith((c) => (c.network = { ...c.network, singleNatGateway: false }))).infraJson;
    expect(eips(perZone)).toHaveLength(6);
    const twoZones = eksPair(eksConfigWith((c) => (c.aws.availabilityZones = ['eu-west-1a', 'eu-west-1b']))).infraJson;
    expect(eips(twoZones)).toHaveLength(3);
  });

  test('KMS and S3 use per component equals Spacelift\'s IAM module (kubernetes mode), the bucket key narrowed to S3', () => {
    // Transcribed from spacelift-io/terraform-aws-iam-spacelift-selfhosted (iam_server.tf, iam_drain.tf,
    // iam_drain_and_server.tf, iam_scheduler.tf at 7053648, 2026-04-17); the module grants a bucket both object and
    // bucket ARNs, this stack splits them by the action's resource type.
    const generateDataKey = ['kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext'];
    const shared: Record<string, string[]> = {
      deliveries: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
      'policy-inputs': ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
      'user-uploaded-workspaces': ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      workspace: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      metadata: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      'run-logs': ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
      modules: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
    };
    const expected: Record<string, Record<string, string[]>> = {
      server: {
        ...shared,
        states: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions', 's3:PutObject', 's3:PutObjectTagging'],
        uploads: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        'large-queue-messages': ['s3:AbortMultipartUpload', 's3:PutObject'],
      },
      drain: {
        ...shared,
        states: ['s3:DeleteObject', 's3:ListBucket'],
        'large-queue-messages': ['s3:GetObject'],
        'run-logs': [...shared['run-logs']!, 's3:PutObjectTagging'].sort(),
      },
      scheduler: {},
    };
    const keyActions = {
      encryption: ['kms:Decrypt', 'kms:Encrypt', ...generateDataKey].sort(),
      signing: ['kms:GetPublicKey', 'kms:Sign', 'kms:Verify'],
    };
    for (const component of ['server', 'drain', 'scheduler']) {
      const [, doc] = Object.entries(infraJson.data!.aws_iam_policy_document!).find(([id]) => id.startsWith(`spacelift-${component}-identity_permissions`))!;
      const byBucket: Record<string, string[]> = {};
      const byKey: Record<string, any> = {};
      for (const st of (doc as any).statement as any[]) {
        const bucket = /bucket-([a-z-]+?)_[^.]*\.arn/.exec(JSON.stringify(st.resources))?.[1];
        if (st.actions[0].startsWith('s3:')) byBucket[bucket!] = [...(byBucket[bucket!] ?? []), ...st.actions].sort();
        else byKey[st.sid] = { actions: [...st.actions].sort(), condition: st.condition };
      }
      expect({ component, s3: byBucket }).toEqual({ component, s3: expected[component] });
      expect({ component, key: byKey.Keyencryption?.actions }).toEqual({ component, key: keyActions.encryption });
      expect({ component, key: byKey.Keysigning?.actions }).toEqual({ component, key: keyActions.signing });
      if (component === 'scheduler') {
        expect(byKey.Keystorage).toBeUndefined();
      } else {
        // S3 itself calls GenerateDataKey to write and Decrypt to read; nothing else may use the bucket key.
        expect(byKey.Keystorage).toEqual({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }] });
      }
    }
  });

  test('database TLS: verify-full against the regional RDS CA bundle read by Terraform, mounted from its own Secret', () => {
    const shared = resolveLocals(infraJson, infraJson.locals!.spacelift_shared_data);
    // (The render test evaluates the URL with terraform.)
    expect(shared.DATABASE_URL).toContain('?sslmode=%s&sslrootcert=/etc/spacelift/database-ca/ca.pem"');
    expect(shared.DATABASE_URL).toMatch(/, "verify-full"\)\}$/);
    // The host in the URL is the instance address: the name RDS puts in the server certificate.
    expect(shared.DATABASE_URL).toContain('aws_db_instance.postgres_instance_919E2690.address');
    const bundle = Object.values(infraJson.data!.http!) as any[];
    expect(bundle).toHaveLength(1);
    expect(bundle[0].url).toBe('https://truststore.pki.rds.amazonaws.com/eu-west-1/eu-west-1-bundle.pem');
    expect(bundle[0].lifecycle.postcondition.map((p: any) => p.condition)).toEqual(['${self.status_code == 200}', '${strcontains(self.response_body, "-----BEGIN CERTIFICATE-----")}']);
    expect(infraJson.provider!.http).toBeDefined();
    // The bundle and the server certificate agree: the instance's CA is pinned to one every regional bundle holds.
    expect(only(infraJson, 'aws_db_instance').ca_cert_identifier).toBe('rds-ca-rsa2048-g1');
    const ca = resolveLocals(infraJson, infraJson.locals!.spacelift_database_ca_data);
    expect(ca).toEqual({ [SPACELIFT_DATABASE_CA.key]: expect.stringMatching(/^\$\{data\.http\.postgres_ca-bundle_[^.]+\.response_body\}$/) });
    const values = resolveLocals(infraJson, infraJson.locals!.spacelift_helm_values);
    for (const component of ['server', 'drain', 'scheduler']) {
      expect(values[component].volumes).toEqual([{ name: 'database-ca', secret: { secretName: SPACELIFT_DATABASE_CA.secret } }]);
      expect(values[component].volumeMounts).toEqual([{ name: 'database-ca', mountPath: SPACELIFT_DATABASE_CA.mountPath, readOnly: true }]);
    }
    const platformSecrets = (Object.values(resources(platformJson, 'kubernetes_secret_v1')) as any[]).map((x) => x.metadata.name).sort();
    expect(platformSecrets).toEqual(['spacelift-database-ca', 'spacelift-drain', 'spacelift-server', 'spacelift-shared']);
  });

  test('postgres.tlsMode require: no CA bundle, no http read, no extra Secret; Aurora verifies the cluster endpoint', () => {
    const { infraJson: i } = eksPair(eksConfigWith((c) => (c.postgres = { tlsMode: 'require' })));
    const requireUrl = resolveLocals(i, i.locals!.spacelift_shared_data).DATABASE_URL;
    expect(requireUrl).toMatch(/, "require"\)\}$/);
    expect(requireUrl).not.toContain('sslrootcert');
    expect(i.data?.http).toBeUndefined();
    expect(i.provider?.http).toBeUndefined();
    expect(i.locals!.spacelift_database_ca_data).toBeUndefined();
    const { infraJson: a } = eksPair(eksConfigWith((c) => (c.postgres = { aurora: true })));
    const url = resolveLocals(a, a.locals!.spacelift_shared_data).DATABASE_URL;
    expect(url).toContain('aws_rds_cluster.postgres_cluster_');
    expect(url).toContain('.endpoint');
    expect(url).toContain('sslmode=%s&sslrootcert=');
    expect(url).toMatch(/, "verify-full"\)\}$/);
    expect((Object.values(resources(a, 'aws_rds_cluster_instance')) as any[]).map((x) => x.ca_cert_identifier)).toEqual(['rds-ca-rsa2048-g1']);
  });

  test('allowDestroy empties what it deletes: every bucket force_destroy (all versions), every repository force_delete', () => {
    const buckets = (json: any) => Object.values(resources(json, 'aws_s3_bucket')) as any[];
    const repos = (json: any) => Object.values(resources(json, 'aws_ecr_repository')) as any[];
    expect(buckets(infraJson).every((b) => b.force_destroy === false)).toBe(true);
    expect(repos(infraJson).every((r) => r.force_delete === false)).toBe(true);
    const { infraJson: i } = eksPair(eksConfigWith((c) => (c.allowDestroy = true)));
    expect(buckets(i)).toHaveLength(10);
    expect(buckets(i).every((b) => b.force_destroy === true && b.lifecycle.prevent_destroy === false)).toBe(true);
    expect(buckets(i).every((b) => b['//'].policy.suppressed['AWS-S3-006'].by === 'library')).toBe(true);
    expect(repos(i).every((r) => r.force_delete === true)).toBe(true);
  });

  test('postgres.applyImmediately reaches the database', () => {
    expect(only(infraJson, 'aws_db_instance').apply_immediately).toBeUndefined();
    const { infraJson: i } = eksPair(eksConfigWith((c) => (c.postgres = { version: 17, applyImmediately: true })));
    expect(only(i, 'aws_db_instance')).toMatchObject({ apply_immediately: true, engine_version: '17', allow_major_version_upgrade: true });
  });

  test('the database admits only the cluster security group', () => {
    const rule = only(infraJson, 'aws_vpc_security_group_ingress_rule');
    expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_eks_cluster\.[^.]+\.vpc_config\[0\]\.cluster_security_group_id\}$/);
  });

  test('the ingress controller gets the NLB annotations with the stack Elastic IPs', () => {
    const ingressValues = Object.entries(platformJson.locals!).find(([k]) => k.startsWith('ingress_values'))![1] as any;
    expect(ingressValues.service.annotations['service.beta.kubernetes.io/aws-load-balancer-type']).toBe('nlb');
    expect(ingressValues.service.annotations['service.beta.kubernetes.io/aws-load-balancer-eip-allocations']).toMatch(/^\$\{join\(",", \[data\.terraform_remote_state\./);
    expect(ingressValues.service.spec.externalTrafficPolicy).toBe('Local');
    // With externalTrafficPolicy Local only nodes with a ready replica are healthy targets: cross-zone lets every
    // zone's address reach them.
    expect(ingressValues.service.annotations['service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled']).toBe('true');
  });

  test('the platform reads the cluster with a data source by name and gets tokens from aws eks get-token', () => {
    const data = platformJson.data!.aws_eks_cluster!;
    expect(Object.values(data)).toEqual([expect.objectContaining({ name: 'spacelift-eks' })]);
    const k8s = platformJson.provider!.kubernetes![0];
    expect(k8s.host).toMatch(/^\$\{data\.aws_eks_cluster\.[^.]+\.endpoint\}$/);
    expect(k8s.exec).toEqual([
      { api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'spacelift-eks', '--region', 'eu-west-1', '--output', 'json'] },
    ]);
    expect(k8s.client_key).toBeUndefined();
    expect(JSON.stringify(platformJson.provider)).not.toMatch(/terraform_remote_state/);
    expect(platformJson.provider!.helm![0].kubernetes.exec.command).toBe('aws');
  });

  test('user secrets are sensitive variables of the infra stack only', () => {
    expect(Object.keys(infraJson.variable ?? {}).sort()).toEqual(['spacelift_admin_password', 'spacelift_license_token']);
    expect(platformJson.variable).toBeUndefined();
  });

  test('RSA instead of KMS: encryptionKey generate makes a tls_private_key and no Spacelift KMS keys', () => {
    const { infraJson: i } = eksPair(eksConfigWith((c) => (c.spacelift.encryptionKey = 'generate')));
    expect(Object.keys(resources(i, 'tls_private_key'))).toHaveLength(1);
    expect(Object.keys(resources(i, 'aws_kms_key'))).toHaveLength(2);
    expect(resolveLocals(i, i.locals!.spacelift_shared_data).ENCRYPTION_TYPE).toBe('rsa');
  });

  test('an optional Route 53 record with every ingress address, for the VCS gateway too', () => {
    const { infraJson: i } = eksPair(
      eksConfigWith((c) => {
        c.dns = { zoneName: 'example.com', zoneId: 'Z0123456789ABCDEFGHIJ' };
        c.spacelift.vcsGatewayDomain = 'vcs.example.com';
      }),
    );
    const records = Object.values(resources(i, 'aws_route53_record')) as any[];
    expect(records.map((r) => r.name).sort()).toEqual(['spacelift.example.com', 'vcs.example.com']);
    for (const r of records) {
      expect(r.records).toHaveLength(3);
      expect(r.records[0]).toMatch(/^\$\{aws_eip\.ingress-addresses/);
    }
  });

  test('a remote backend: S3, encrypted, lock file, one key per stack', () => {
    const { infraJson: i, platformJson: p } = eksPair(eksConfigWith((c) => (c.backend = { type: 's3', bucket: 'tfstate-123456789012' })));
    expect(i.terraform.backend.s3).toEqual({ bucket: 'tfstate-123456789012', key: 'cdktf/spacelift-eks-infra.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true });
    expect(p.terraform.backend.s3.key).toBe('cdktf/spacelift-eks-platform.tfstate');
  });

  test('allowedAccountIds limits both providers', () => {
    const { infraJson: i, platformJson: p } = eksPair(eksConfigWith((c) => (c.aws.allowedAccountIds = ['123456789012'])));
    expect(i.provider!.aws![0]).toEqual({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
    expect(p.provider!.aws![0].allowed_account_ids).toEqual(['123456789012']);
  });

  test('Aurora, multi-AZ and a single NAT gateway are one field each', () => {
    const { infraJson: i } = eksPair(
      eksConfigWith((c) => {
        c.postgres = { aurora: true, multiAz: true, instanceClass: 'db.r6g.large' };
        c.network = { singleNatGateway: true };
      }),
    );
    expect(Object.keys(resources(i, 'aws_rds_cluster_instance'))).toHaveLength(2);
    expect(Object.keys(resources(i, 'aws_nat_gateway'))).toHaveLength(1);
    expect(resolveLocals(i, i.locals!.spacelift_shared_data).DATABASE_URL).toContain('aws_rds_cluster.');
  });

  test('assumable roles go to the server and drain only', () => {
    const { infraJson: i } = eksPair(eksConfigWith((c) => (c.spacelift.assumableRoleArns = ['arn:aws:iam::123456789012:role/spacelift-*'])));
    const withAssume = Object.entries(i.data!.aws_iam_policy_document!)
      .filter(([, d]: [string, any]) => (d.statement ?? []).some((s: any) => s.sid === 'AssumeListedRoles'))
      .map(([id]) => id.split('_')[0]);
    expect(withAssume.sort()).toEqual(['spacelift-drain-identity', 'spacelift-server-identity']);
  });

  test('the policy pack is enforced at synth; a listed suppression with a reason accepts the risk', () => {
    const relaxed = eksConfigWith((c) => (c.postgres = { iamAuthentication: false }));
    expect(() => eksPair(relaxed)).toThrow(/AWS-RDS-006/);
    relaxed.policy = { suppressions: [{ rule: 'AWS-RDS-006', resource: 'spacelift-eks-infra/postgres/instance', reason: 'operators reach the database only through Spacelift' }] };
    const { infraJson: i } = eksPair(relaxed);
    expect(only(i, 'aws_db_instance').iam_database_authentication_enabled).toBe(false);
  });
});

describe('EKS example: IAM role names', () => {
  test('every role name is fixed by the deployment name (a renamed role is replaced, and the trust of its service account breaks)', () => {
    const { infraJson } = eksPair();
    const names = Object.values(resources(infraJson, 'aws_iam_role')).map((r: any) => r.name).sort();
    expect(names).toEqual(['spacelift-eks-cluster', 'spacelift-eks-nodes', 'spacelift-eks-vpc-cni', 'spacelift-spacelift-drain', 'spacelift-spacelift-scheduler', 'spacelift-spacelift-server', 'spacelift-vpc-flow-logs']);
  });
});
