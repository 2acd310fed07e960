/** How bad a finding is. Every finding fails the synth; severity orders the report and the docs. */
export type PolicySeverity = 'critical' | 'high' | 'medium' | 'low';

/** What a rule protects. */
export type PolicyCategory =
  | 'network exposure'
  | 'encryption'
  | 'identity'
  | 'logging'
  | 'backups'
  | 'high availability'
  | 'deletion protection'
  | 'upgrades'
  | 'supply chain'
  | 'namespaces';

/**
 * The public scanner rules a policy rule corresponds to. Only ids confirmed against the scanners' own sources are
 * listed; an empty list means none was confirmed.
 */
export interface ScannerMapping {
  /** checkov check ids (`CKV_AZURE_*`, `CKV2_AWS_*`, `CKV_GCP_*`, `CKV_K8S_*`). @default none */
  readonly checkov?: readonly string[];
  /** trivy (formerly tfsec/defsec) ids (`AVD-AZU-*`, `AVD-GCP-*`, `AVD-AWS-*`). @default none */
  readonly trivy?: readonly string[];
  /** Azure Proactive Resiliency Library recommendation GUIDs. @default none */
  readonly aprl?: readonly string[];
  /** Where this rule and the scanner rules differ (one is stricter, or checks a neighbouring setting). @default none */
  readonly note?: string;
}

/** One Terraform resource (or data source) of a stack, as it will be synthesized. */
export interface PolicyResource {
  /** `resource` or `data`. Rules check resources; data sources are only context (e.g. IAM policy documents). */
  readonly kind: 'resource' | 'data';
  /** Terraform type, e.g. `azurerm_kubernetes_cluster`. */
  readonly type: string;
  /** Logical id in the stack. */
  readonly name: string;
  /** `type.name` (`data.type.name` for data sources): how other resources refer to it. */
  readonly address: string;
  /** Construct path, e.g. `spacelift-aks-infra/cluster/cluster`. */
  readonly path: string;
  /**
   * The synthesized arguments (snake_case, overrides applied), tokens resolved to Terraform expressions: a value only
   * known at apply time is a string containing `${...}`.
   */
  readonly attributes: { readonly [key: string]: unknown };
}

/** What a rule may look at besides the resource it checks: the other resources and data sources of the stack. */
export interface PolicyContext {
  /** Every resource and data source of the stack. */
  readonly all: readonly PolicyResource[];
  /** Resources (not data sources) of the given types. */
  ofType(...types: string[]): PolicyResource[];
  /** Resources of the given types whose arguments refer to `target` (by a Terraform reference). */
  referring(target: PolicyResource, ...types: string[]): PolicyResource[];
  /** The resource or data source a `${type.name.attribute}` expression refers to, if it is in the stack. */
  referenced(value: unknown): PolicyResource | undefined;
}

/** One rule of the policy pack. */
export interface PolicyRule {
  /** Stable id, e.g. `AZ-AKS-001`. Never reused for another check. */
  readonly id: string;
  /** What must hold, in one line. */
  readonly title: string;
  /** Terraform resource types the rule checks. */
  readonly resourceTypes: readonly string[];
  /** What the rule is about (encryption, network exposure, ...). */
  readonly category: PolicyCategory;
  /** How bad a finding of the rule is. */
  readonly severity: PolicySeverity;
  /** The rules of common Terraform scanners (checkov, trivy, APRL) this rule matches. */
  readonly scanners: ScannerMapping;
  /** How to comply, in one or two sentences. */
  readonly fix: string;
  /**
   * How the rule treats values only known at apply time (references to other resources, variables). @default "a
   * value only known at apply time is not reported"
   */
  readonly unknownValues?: string;
  /** Returns what is wrong (one message per problem), or nothing when the resource complies. */
  check(resource: PolicyResource, context: PolicyContext): string | readonly string[] | undefined;
}

/** One rule violated by one resource. */
export interface PolicyFinding {
  /** Id of the rule that found it. */
  readonly ruleId: string;
  /** Severity of the rule. */
  readonly severity: PolicySeverity;
  /** Title of the rule. */
  readonly title: string;
  /** Construct path of the resource. */
  readonly path: string;
  /** Terraform address of the resource. */
  readonly address: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The scanner rules the finding matches. */
  readonly scanners: ScannerMapping;
}

/** Who suppressed a rule on a resource. */
export type SuppressionSource = 'user' | 'library';

/** A finding that a suppression with a written reason accepted. */
export interface SuppressedFinding extends PolicyFinding {
  /** Why the risk was accepted. */
  readonly reason: string;
  /** Who suppressed it: the library or the user. */
  readonly suppressedBy: SuppressionSource;
}

/** The result of checking a scope. */
export interface PolicyReport {
  /** Findings nobody suppressed: each fails the synth. */
  readonly findings: readonly PolicyFinding[];
  /** Findings accepted by a suppression, with its reason. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Suppressions that are themselves wrong (unknown rule id, missing reason, rule that does not apply). */
  readonly errors: readonly string[];
  /** How many resources were checked. */
  readonly checkedResources: number;
}
