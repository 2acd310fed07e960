import './provider-package';
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AWS_NAMES, checkName } from '../core/naming';
import { ValidationError, checkKubernetesName, checkList, checkOneOf, checkPattern } from '../core/validation';
import { ServiceAccountRef, WorkloadIdentity, serviceAccountSubject } from '../core/workload-identity';
import { checkIamRoleArnPattern } from './checks';

/** The IAM OIDC identity provider of an EKS cluster, which service-account tokens are exchanged through. */
export interface EksOidcProviderRef {
  /** ARN of the `aws_iam_openid_connect_provider`. */
  readonly arn: string;
  /** The issuer without `https://`, as IAM condition keys name it (`oidc.eks.<region>.amazonaws.com/id/<ID>`). */
  readonly issuerHostPath: string;
}

/** Object-level S3 actions a role may get (on `<bucket>/*`). */
export const S3_OBJECT_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectTagging',
  's3:PutObject',
  's3:PutObjectTagging',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
] as const;
/** An S3 action on objects that an IRSA role may be granted. */
export type S3ObjectAction = (typeof S3_OBJECT_ACTIONS)[number];

/** Bucket-level S3 actions a role may get (on the bucket itself). */
export const S3_BUCKET_ACTIONS = ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'] as const;
/** An S3 action on a bucket that an IRSA role may be granted. */
export type S3BucketAction = (typeof S3_BUCKET_ACTIONS)[number];

/**
 * The four actions IAM's `kms:GenerateDataKey*` matches, written out (this library grants no wildcards): a data key
 * with or without its plaintext, and a data key pair with or without its plaintext private key.
 */
export const KMS_GENERATE_DATA_KEY_ACTIONS = [
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
] as const;

/** KMS actions a role may get on one key. */
export const KMS_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', ...KMS_GENERATE_DATA_KEY_ACTIONS, 'kms:Sign', 'kms:Verify', 'kms:GetPublicKey', 'kms:DescribeKey'] as const;
/** A KMS action that an IRSA role may be granted. */
export type KmsAction = (typeof KMS_ACTIONS)[number];

/** Access to one bucket. */
export interface S3Grant {
  /** Bucket ARN. */
  readonly bucketArn: string;
  /** Actions on the objects (`<bucket>/*`). @default none */
  readonly objectActions?: readonly S3ObjectAction[];
  /** Actions on the bucket itself. @default none */
  readonly bucketActions?: readonly S3BucketAction[];
}

/** Use of one KMS key. */
export interface KmsGrant {
  /** Key ARN. */
  readonly keyArn: string;
  /** What the role may do with the key. */
  readonly actions: readonly KmsAction[];
  /** Only through this AWS service, e.g. `s3.eu-west-1.amazonaws.com` (the `kms:ViaService` condition). @default any caller */
  readonly viaService?: string;
}

/** Properties of {@link AwsIrsaRole}. */
export interface AwsIrsaRoleProps {
  /** The cluster's IAM OIDC provider. */
  readonly oidcProvider: EksOidcProviderRef;
  /** The one Kubernetes service account that may assume the role. */
  readonly serviceAccount: ServiceAccountRef;
  /** IAM role name. */
  readonly roleName: string;
  /** Bucket access, by a stable id. @default none */
  readonly s3?: { readonly [id: string]: S3Grant };
  /** Key use, by a stable id. @default none */
  readonly kms?: { readonly [id: string]: KmsGrant };
  /** Roles the workload may assume in turn (`sts:AssumeRole` + `sts:TagSession`); `*` may appear in names. @default none */
  readonly assumableRoleArns?: readonly string[];
  /** AWS managed policies to attach, by name (e.g. `AmazonEKS_CNI_Policy`) and full ARN. @default none */
  readonly managedPolicyArns?: { readonly [name: string]: string };
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * IAM Roles for Service Accounts (IRSA): an IAM role that only tokens of one Kubernetes service account, issued by
 * one cluster for the STS audience, can assume; with an inline policy that names every bucket (object actions on
 * `<bucket>/*`, listing on the bucket) and every key it may use, and nothing else. No node-wide role, no keys.
 */
export class AwsIrsaRole extends Construct implements WorkloadIdentity {
  /** The `aws_iam_role` resource. */
  public readonly role: IamRole;
  /** ARN of the role, for the service account's `eks.amazonaws.com/role-arn` annotation. */
  public readonly roleArn: string;
  public readonly serviceAccount: ServiceAccountRef;
  public readonly serviceAccountAnnotations: { readonly [key: string]: string };
  public readonly podLabels: { readonly [key: string]: string } = {};
  /**
   * The role's permissions as resources (the inline policy and each managed-policy attachment). Whatever runs with the
   * role should depend on these, so it is created after them and destroyed before them.
   */
  public readonly permissions: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: AwsIrsaRoleProps) {
    super(scope, id);
    checkName(this, 'roleName', props.roleName, AWS_NAMES.iamRole);
    // System namespaces are fine here (the VPC CNI runs in kube-system).
    checkPattern(this, 'serviceAccount.namespace', props.serviceAccount.namespace, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a Kubernetes namespace: 1-63 lower-case letters, digits or hyphens, starting and ending with a letter or digit');
    checkKubernetesName(this, 'serviceAccount.name', props.serviceAccount.name);
    const issuer = props.oidcProvider.issuerHostPath;

    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [props.oidcProvider.arn] }],
          condition: [
            { test: 'StringEquals', variable: `${issuer}:sub`, values: [serviceAccountSubject(props.serviceAccount)] },
            { test: 'StringEquals', variable: `${issuer}:aud`, values: ['sts.amazonaws.com'] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `IRSA role of ${props.serviceAccount.namespace}/${props.serviceAccount.name}`,
      assumeRolePolicy: trust.json,
      tags: props.tags,
    });

    const statements: DataAwsIamPolicyDocumentStatement[] = [];
    for (const [grantId, g] of Object.entries(props.s3 ?? {})) {
      const objectActions = g.objectActions ?? [];
      const bucketActions = g.bucketActions ?? [];
      if (objectActions.length + bucketActions.length === 0) {
        throw new ValidationError(this, `s3.${grantId}`, grantId, 'at least one object or bucket action');
      }
      checkList(this, `s3.${grantId}.objectActions`, objectActions, (a, f) => checkOneOf(this, f, a, S3_OBJECT_ACTIONS));
      checkList(this, `s3.${grantId}.bucketActions`, bucketActions, (a, f) => checkOneOf(this, f, a, S3_BUCKET_ACTIONS));
      if (objectActions.length > 0) statements.push({ sid: sid('Objects', grantId), effect: 'Allow', actions: [...objectActions], resources: [`${g.bucketArn}/*`] });
      if (bucketActions.length > 0) statements.push({ sid: sid('Bucket', grantId), effect: 'Allow', actions: [...bucketActions], resources: [g.bucketArn] });
    }
    for (const [grantId, g] of Object.entries(props.kms ?? {})) {
      checkList(this, `kms.${grantId}.actions`, g.actions, (a, f) => checkOneOf(this, f, a, KMS_ACTIONS), { minItems: 1 });
      statements.push({
        sid: sid('Key', grantId),
        effect: 'Allow',
        actions: [...g.actions],
        resources: [g.keyArn],
        condition: g.viaService ? [{ test: 'StringEquals', variable: 'kms:ViaService', values: [g.viaService] }] : undefined,
      });
    }
    const assumable = props.assumableRoleArns ?? [];
    checkList(this, 'assumableRoleArns', assumable, (a, f) => checkIamRoleArnPattern(this, f, a));
    if (assumable.length > 0) {
      statements.push({ sid: 'AssumeListedRoles', effect: 'Allow', actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [...assumable] });
    }
    const permissions: ITerraformDependable[] = [];
    if (statements.length > 0) {
      const policy = new DataAwsIamPolicyDocument(this, 'permissions', { statement: statements });
      permissions.push(new IamRolePolicy(this, 'policy', { role: this.role.id, name: 'least-privilege', policy: policy.json }));
    }
    for (const [name, arn] of Object.entries(props.managedPolicyArns ?? {})) {
      permissions.push(new IamRolePolicyAttachment(this, `managed-${name}`, { role: this.role.name, policyArn: arn }));
    }
    this.permissions = permissions;

    this.roleArn = this.role.arn;
    this.serviceAccount = props.serviceAccount;
    this.serviceAccountAnnotations = {
      'eks.amazonaws.com/role-arn': this.role.arn,
      // Tokens from the region's own STS endpoint, not the global one.
      'eks.amazonaws.com/sts-regional-endpoints': 'true',
    };
  }
}

/** Statement ids allow letters and digits only. */
function sid(kind: string, id: string): string {
  return `${kind}${id.replace(/[^A-Za-z0-9]/g, '')}`;
}
