import { PlanItemsView } from './PlanItemsPage';

/** 我的督办: the items a leader is responsible for. */
export function LeaderItemsPage() {
  return <PlanItemsView initial="mine" title="我的督办" />;
}

/** 我部门的任务: the items the user's departments lead. */
export function DepartmentItemsPage() {
  return <PlanItemsView initial="mine" title="我部门的任务" />;
}
