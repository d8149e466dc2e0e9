import { Client, unique, type SignedUp } from "./client";

/** Invites a staff member from `owner`, accepts the invitation in a new client, returns it signed in. */
export async function addStaff(owner: SignedUp, role: "manager" | "waiter" | "kitchen", storeId?: string): Promise<Client> {
  const email = `${unique(role)}@example.com`;
  const inv = await owner.client.post(`/api/merchants/${owner.merchantId}/staff/invitations`, { email, role, name: `The ${role}`, storeId });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = new URL(inv.body.inviteUrl).pathname.split("/").pop()!;
  const staff = new Client();
  const accepted = await staff.post(`/api/auth/invitations/${token}/accept`, { password: "staff password 1", name: `The ${role}` });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return staff;
}

export const tokenOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split("/").pop()!;
