/** A getPolicy answer's fields as DashScope clients post them to `upload_host` (OSS PostObject), without the file. */
export function ossPostFields(policy: Record<string, string>, key: string): Record<string, string> {
  return {
    OSSAccessKeyId: policy.oss_access_key_id!,
    Signature: policy.signature!,
    policy: policy.policy!,
    'x-oss-object-acl': policy.x_oss_object_acl!,
    'x-oss-forbid-overwrite': policy.x_oss_forbid_overwrite!,
    key,
    success_action_status: '200',
  }
}
