import { useState } from 'react';
import { Card, Segmented, Typography } from 'antd';
import { ProposalList } from './parts';
import { useProposalList } from './useProposals';

const FILTERS: Record<string, { status?: string; overdue?: boolean }> = {
  待办理: { status: 'assigned,rehandling,objected' },
  已超期: { overdue: true },
  已答复: { status: 'reply_review,replied,evaluated,closed' },
  全部: {},
};

/** 承办提案: what was assigned to my unit, with due dates; overdue ones in red. */
export default function UnitQueuePage() {
  const [filter, setFilter] = useState('待办理');
  const [page, setPage] = useState(1);
  const list = useProposalList({ ...FILTERS[filter], page, pageSize: 20 });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          承办提案
        </Typography.Title>
      }
    >
      <div style={{ overflowX: 'auto', marginBottom: 8 }}>
        <Segmented
          options={Object.keys(FILTERS)}
          value={filter}
          onChange={(v) => {
            setFilter(String(v));
            setPage(1);
          }}
        />
      </div>
      <ProposalList
        list={list.data}
        page={page}
        pageSize={20}
        onPage={setPage}
        loading={list.isLoading}
        showUnits
        empty="暂无交办给本单位的提案"
      />
    </Card>
  );
}
